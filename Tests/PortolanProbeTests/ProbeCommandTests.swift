import Foundation
import PortolanCore
import Testing

/// `portolan probe` on loopback listeners the test opens, and its usage and file errors.
@Suite struct ProbeCommandTests {
    func targetsFile(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-targets-\(UUID().uuidString).txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func rawTargetsAsJSONLines() throws {
        let listener = try TestSocket(.tcp)
        let echo = try UDPEcho()
        let closed = try TestSocket.closedTCP()
        let file = try targetsFile("tcp 127.0.0.1 \(listener.port)\nudp 127.0.0.1 \(echo.port)\ntcp 127.0.0.1 \(closed.port)\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try CLI.run(["probe", "--targets", file.path, "--json-lines", "--timeout", "300", "--stats"], portolan: true)
        let results = try run.stdout.split(separator: "\n").map { try JSONDecoder().decode(ProbeResultJSON.self, from: Data($0.utf8)) }
        #expect(results.map(\.state) == [.open, .open, .closed])
        #expect(results.map(\.protocol) == ["tcp", "udp", "tcp"])
        #expect(results.allSatisfy { $0.schema == nil && $0.vantage == "here" && $0.address == "127.0.0.1" })
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("probes 3  wall "))
        #expect(run.stderr.contains("peak RSS"))

        let open = try targetsFile("tcp 127.0.0.1 \(listener.port)\n")
        defer { try? FileManager.default.removeItem(at: open) }
        #expect(try CLI.run(["probe", "--targets", open.path], portolan: true).status == 0)
    }

    @Test func fileErrorsExitTwoWithTheirPlace() throws {
        let bad = try targetsFile("tcp 127.0.0.1 80\nudp 127.0.0.1 99999\n")
        defer { try? FileManager.default.removeItem(at: bad) }
        let run = try CLI.run(["probe", "--targets", bad.path], portolan: true)
        #expect(run.status == 2)
        #expect(run.stderr == "\(bad.path):2:15: bad port '99999' (ports run from 1 to 65535)\n")
        #expect(run.stdout.isEmpty)

        let topology = try targetsFile("roles:\n  administration-servr: 127.0.0.1\n")
        defer { try? FileManager.default.removeItem(at: topology) }
        let located = try CLI.run(["probe", topology.path], portolan: true)
        #expect(located.status == 2)
        #expect(located.stderr.hasPrefix("\(topology.path):2:3: unknown role kind or role id 'administration-servr'"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["probe"], portolan: true).status == 2)
        #expect(try CLI.run(["probe", "a.yaml", "--targets", "b.txt"], portolan: true).status == 2)
        #expect(try CLI.run(["probe", "--targets", "b.txt", "--retries", "50"], portolan: true).status == 2)
        let missing = try CLI.run(["probe", "--targets", "/nonexistent/targets.txt"], portolan: true)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read"))
    }
}
