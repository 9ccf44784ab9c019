import Foundation
import PortolanCore
import PortolanProbe
import PortolanTestSupport
import Testing

/// `portolan demo --no-tui` run as a user would: a simulated deployment on loopback, one probe table.
@Suite(.serialized) struct DemoCommandTests {
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
        // The mimics' log of each connection stays off the terminal: the table is the output.
        #expect(!run.stderr.contains("→"), "\(run.stderr)")
    }

    /// With -v the mimics' connection log comes back, on standard error. Addresses of its own: suites run in
    /// parallel, and DemoEndToEndTests holds 127.0.2.121... at the same time ("port in use" before).
    @Test func verboseShowsTheMimicsConnectionLog() throws {
        let run = try DemoBinary.run(["demo", "--no-tui", "-v", "--first-address", "127.0.2.161"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("→ 127.0.2.161:13000/tcp"), "\(run.stderr)")
    }

    @Test func aPortHeldByAnotherProgramIsReportedNotFatal() async throws {
        let server = try #require(IPAddress("127.0.0.21"))
        let dbms = try #require(IPAddress("127.0.0.23"))
        // 14000 is one the demo opens; 1433 one it leaves closed on purpose and probes to show it closed.
        let held = MimicEndpoint(address: server, port: try #require(PortNumber(14000)), transport: .tcp)
        let closed = MimicEndpoint(address: dbms, port: try #require(PortNumber(1433)), transport: .tcp)
        let other = Mimic()
        // A parallel test's demo may hold 14000 already; either way some other program has it.
        _ = await other.open([held])
        try await other.open(closed)
        defer { Task { await other.shutdown() } }
        let run = try DemoBinary.run(["demo", "--no-tui"])
        #expect(run.status == 0, "\(run.stderr)")
        // Said once, with the address once and what it means.
        let said = run.stderr.split(separator: "\n").filter { $0.contains("127.0.0.21:14000/tcp") }
        #expect(said == ["demo: cannot open 127.0.0.21:14000/tcp (port in use): not probed, arrow ksc13-server-agent 3"], "\(run.stderr)")
        #expect(run.stderr.contains("demo: cannot open 127.0.0.23:1433/tcp (port in use): not probed, arrow"), "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        // Another demo (a parallel test) may hold more of the ports; these two are named either way.
        let note = try #require(lines.first { $0.contains("Not opened, so not probed") }, "\(run.stdout)")
        #expect(note.contains("127.0.0.21:14000/tcp (port in use; arrow ksc13-server-agent 3)"), "\(note)")
        #expect(note.contains("127.0.0.23:1433/tcp (port in use;"), "\(note)")
        #expect(!note.contains("closed on purpose: 127.0.0.21:17000/tcp, 127.0.0.23:1433/tcp"), "1433 is not the demo's to close")
        // The other program's answers are not the simulated deployment's: neither port is probed.
        let rows = lines.filter { $0 != note }
        #expect(!rows.contains { $0.contains("127.0.0.21:14000/tcp") }, "\(run.stdout)")
        #expect(!rows.contains { $0.contains("127.0.0.23:1433/tcp") }, "\(run.stdout)")
        // The rest of the deployment is probed as usual.
        #expect(rows.contains { $0.contains("127.0.0.21:13000/tcp") && $0.contains("tls-ok") }, "\(run.stdout)")
        await other.shutdown()
    }

    @Test func mimicLogsConnectionsAndStopsOnSIGINT() async throws {
        let log = FileManager.default.temporaryDirectory.appending(path: "portolan-mimic-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = try DemoBinary.url()
        process.arguments = ["mimic", "distribution-point", "--bind", "127.0.0.74", "--duration", "60"]
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func text() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        #expect(try await poll { text().contains("Distribution point: 3 of 3 ports open") }, "\(text())")
        #expect(text().contains("listening on 127.0.0.74:13000/tcp tls"))
        #expect(text().contains("listening on 127.0.0.74:15000/udp"))

        let host = try #require(IPAddress("127.0.0.74"))
        let outcomes = await Prober(options: ScanOptions(timeoutCeiling: .milliseconds(500), retries: 0)).probe([
            ProbeTarget(host: .address(host), port: try #require(PortNumber(13000)), transport: .tcp, tls: .yes),
            ProbeTarget(host: .address(host), port: try #require(PortNumber(15000)), transport: .udp),
        ])
        #expect(outcomes.map(\.state) == [.open, .open])
        #expect(outcomes[0].tls?.verdict == .tlsOK)
        #expect(try await poll { text().contains("→ 127.0.0.74:15000/udp") }, "the datagram is logged with its peer")

        kill(process.processIdentifier, SIGINT)
        #expect(try await poll { !process.isRunning }, "mimic stops on SIGINT")
        #expect(process.terminationStatus == 0)
        #expect(text().contains("stopped"))
    }

    /// Polls `condition` every 20 ms for at most ten seconds.
    func poll(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition()
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
    static func url() throws -> URL { try PortolanProcess.executable() }

    static func run(_ arguments: [String]) throws -> ProcessOutput { try PortolanProcess.run(arguments) }
}
