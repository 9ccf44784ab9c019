import Foundation
import Testing

/// `portolan demo --no-tui` run as a user would: a simulated deployment on loopback, one probe table.
@Suite struct DemoCommandTests {
    @Test func theDemoPrintsATableWithClosedAndOpenArrowsAndExitsZero() throws {
        let run = try DemoBinary.run(["demo", "--no-tui", "--duration", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("topology demo:") == true, "\(run.stdout)")
        // The DBMS port is left closed on purpose; the Administration Server's TLS port answers TLS.
        #expect(rows.contains { $0.contains("127.0.0.23:1433/tcp") && $0.contains("closed") }, "\(run.stdout)")
        #expect(rows.contains { $0.contains("127.0.0.21:13000/tcp") && $0.contains("open") && $0.contains("tls-ok") }, "\(run.stdout)")
        #expect(rows.contains { $0.contains("127.0.0.21:13000/udp") && $0.contains("udp-response") }, "\(run.stdout)")
        #expect(run.stdout.contains("closed on purpose"))
        // Only the demo's own addresses are probed.
        let targets = rows.compactMap { row in row.split(separator: " ").first { $0.hasPrefix("127.0.0.") } }
        #expect(!targets.isEmpty)
        #expect(targets.allSatisfy { $0.hasPrefix("127.0.0.2") || $0.hasPrefix("127.0.0.3") })
    }

    @Test func exportWritesEverySchemaInEveryFormat() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-demo-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try DemoBinary.run(["demo", "--no-tui", "--export", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let formats = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(formats == ["ansi", "ascii", "dot", "json", "markdown", "mermaid", "svg", "unicode"])
        let svg = try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "svg").path)
        #expect(svg.contains("ksc13-lan.svg"))
        #expect(svg.count >= 16)
    }
}

/// Runs the `portolan` binary that `swift test` built beside the tests.
enum DemoBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "the portolan executable was not built next to the tests" }
    }

    static func run(_ arguments: [String]) throws -> Result {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary: URL?
        for _ in 0..<4 where binary == nil {
            let candidate = folder.appending(path: "portolan")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { binary = candidate }
            folder = folder.deletingLastPathComponent()
        }
        guard let binary else { throw Missing() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appending(path: "portolan-no-config").path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
