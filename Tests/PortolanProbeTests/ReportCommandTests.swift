import Foundation
import PortolanCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `portolan probe TOPOLOGY --report FILE` against listeners the test opens on its own loopback address
/// 127.0.2.71: a TLS listener for 13000, a closed port for 14000, a UDP echo for 15000.
@Suite struct ReportCommandTests {
    static let host = "127.0.2.71"

    func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("portolan-report-\(UUID().uuidString.prefix(8))-\(name)")
    }

    func topology(tls: any CustomStringConvertible, closed: any CustomStringConvertible, udp: any CustomStringConvertible) throws -> URL {
        let file = temporary("topology.yaml")
        try """
            name: report-test
            schemas: [ksc13-server-agent]
            ports: {13000/tcp: \(tls), 14000/tcp: \(closed), 15000/udp: \(udp)}
            roles:
              administration-server: \(Self.host)
              client-device: \(Self.host)
            probe: {timeout-ms: 300, min-timeout-ms: 50, retries: 0}
            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func anHTMLReportHoldsEveryArrowAndItsStateAfterTheRound() throws {
        let listener = try TLSListener(certificate: TestCertificate(commonName: "report-agents", names: ["ksc"], validFor: 90), host: Self.host)
        let closed = try TestSocket.closedTCP(host: Self.host)
        let echo = try UDPEcho(host: Self.host)
        let topology = try topology(tls: listener.port, closed: closed.port, udp: echo.port)
        let report = temporary("report.html")
        defer { [topology, report].forEach { try? FileManager.default.removeItem(at: $0) } }
        let run = try CLI.run(["probe", topology.path, "--report", report.path], portolan: true)
        #expect(run.status == 1, "14000 is closed: \(run.stderr)")
        #expect(run.stderr.contains("report written to \(report.path)"))
        #expect(run.stdout.contains("ksc13-server-agent 3"), "the table is still printed")
        let html = try String(contentsOf: report, encoding: .utf8)
        let root = try #require(try XMLDocument(data: Data(html.utf8)).rootElement())
        let rows = try root.nodes(forXPath: "//table[@class='arrows']/tr[td]").map { node in
            try node.nodes(forXPath: "td").map { $0.stringValue ?? "" }
        }
        let byLabel = Dictionary(rows.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(byLabel.keys) == ["1", "2", "3"], "every arrow has a row")
        #expect(byLabel["2"]?[6] == "✓ as-documented" && byLabel["2"]?[5].hasPrefix("tls-ok") == true)
        #expect(byLabel["2"]?[9].contains("report-agents") == true, "the certificate's subject")
        #expect(byLabel["3"]?[6] == "✗ closed" && byLabel["3"]?[7] == "conn-refused")
        #expect(byLabel["1"]?[6] == "~ open|filtered" || byLabel["1"]?[6] == "✓ as-documented")
        #expect(rows.first?[0] == "3", "the problem comes first")
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, 255)
        #expect(html.contains("by \(String(cString: name));"), "the machine it was probed from")
    }

    @Test func anUnknownExtensionOrAMissingFolderIsRefusedBeforeProbing() throws {
        let topology = try topology(tls: 13000, closed: 14000, udp: 15000)
        defer { try? FileManager.default.removeItem(at: topology) }
        let text = try CLI.run(["probe", topology.path, "--report", "lab.txt"], portolan: true)
        #expect(text.status == 2)
        #expect(text.stderr.contains("--report lab.txt: unknown extension"), "\(text.stderr)")
        let folder = temporary("missing")
        let missing = try CLI.run(["probe", topology.path, "--report", folder.appendingPathComponent("r.md").path], portolan: true)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the folder '\(folder.path)' does not exist"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty, "nothing was probed")
    }
}
