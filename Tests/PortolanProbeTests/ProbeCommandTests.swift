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
        #expect(missing.stderr == "/nonexistent/targets.txt: no such targets file\n")
    }

    /// A topology for ksc13-server-agent on loopback, with the documented ports moved to the test's own.
    func serverAgentTopology(tcp13000: PortNumber, tcp14000: PortNumber, udp15000: PortNumber, vantages: String) throws -> URL {
        try targetsFile("""
            name: vantage-test
            schemas: [ksc13-server-agent]
            ports: {13000/tcp: \(tcp13000), 14000/tcp: \(tcp14000), 15000/udp: \(udp15000)}
            roles:
              administration-server: 127.0.0.1
              client-device: 127.0.0.1
            probe: {timeout-ms: 300, min-timeout-ms: 50, retries: 0}
            vantages:
            \(vantages)
            """)
    }

    @Test func arrowsGoFromTheirInitiatorsAgentAndSaySo() throws {
        let listener = try TestSocket(.tcp)
        let closed = try TestSocket.closedTCP()
        let echo = try UDPEcho()
        let binary = try CLI.executable().path
        let topology = try serverAgentTopology(
            tcp13000: closed.port, tcp14000: listener.port, udp15000: echo.port,
            vantages: "  - {name: clients, command: [\(binary), agent], roles: [client-device]}")
        defer { try? FileManager.default.removeItem(at: topology) }
        let run = try CLI.run(["probe", topology.path, "--json"], portolan: true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        let byLabel = Dictionary(uniqueKeysWithValues: results.map { ($0["label"] as? String ?? "?", $0) })
        // 2 and 3 are opened by the client: probed by its agent; 1 is opened by the server: from here.
        #expect(byLabel["2"]?["vantage"] as? String == "clients" && byLabel["2"]?["state"] as? String == "closed")
        #expect(byLabel["3"]?["vantage"] as? String == "clients" && byLabel["3"]?["state"] as? String == "open")
        #expect(byLabel["3"]?["from_initiator"] as? Bool == true)
        #expect(byLabel["1"]?["vantage"] as? String == "here" && byLabel["1"]?["from_initiator"] as? Bool == false)
        #expect(byLabel["1"]?["state"] as? String == "open")
        #expect(object["vantage_note"] as? String == "1 of 3 probes sent from here, not from the initiators; the rest from the initiators' vantage points")
        let vantages = try #require(object["vantages"] as? [[String: Any]])
        #expect(vantages.count == 1 && vantages[0]["name"] as? String == "clients" && vantages[0]["state"] as? String == "up")
        #expect(run.status == 1, "13000 is closed")

        let table = try CLI.run(["probe", topology.path], portolan: true)
        #expect(table.stdout.contains("here (not the initiator)"))
        #expect(table.stdout.contains("1 of 3 probes sent from here, not from the initiators"))
        #expect(table.stdout.contains("vantage clients up"))
    }

    @Test func aVantageThatDiesLeavesItsArrowsUnknown() throws {
        let listener = try TestSocket(.tcp)
        let echo = try UDPEcho()
        let topology = try serverAgentTopology(
            tcp13000: listener.port, tcp14000: listener.port, udp15000: echo.port,
            vantages: """
                  - {name: clients, command: [sh, -c, "echo 'ssh: Could not resolve hostname gw' >&2; exit 255"], roles: [client-device]}
                  - {name: server, command: [portolan-not-installed, agent], roles: [administration-server]}
                """)
        defer { try? FileManager.default.removeItem(at: topology) }
        let run = try CLI.run(["probe", topology.path, "--json-lines"], portolan: true)
        let results = try run.stdout.split(separator: "\n").map { try JSONDecoder().decode(ProbeResultJSON.self, from: Data($0.utf8)) }
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0.state == .unknown && $0.reason == .vantageDown && $0.fromInitiator == true })
        #expect(results.first { $0.label == "3" }?.message == "agent exited with status 255: ssh: Could not resolve hostname gw")
        #expect(results.first { $0.label == "3" }?.vantage == "clients")
        #expect(results.first { $0.label == "1" }?.message == "cannot start 'portolan-not-installed': command not found in PATH")
        #expect(run.status == 1)
    }
}
