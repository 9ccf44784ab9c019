import Foundation
import PortolanCore
import Testing

@Suite struct ProbeValueTests {
    func tlsResult(host: String, port: Int, sha: String, notAfter: Date) -> ProbeResult {
        let certificate = CertificateInfo(subject: "CN=ksc", issuer: "CN=ksc", alternativeNames: [], notAfter: notAfter, sha256: sha)
        return ProbeResult(
            arrow: nil, target: ProbeTarget(host: .address(IPAddress(host)!), port: PortNumber(port)!, transport: .tcp, tls: .yes),
            outcome: ProbeOutcome(
                address: IPAddress(host), state: .open, reason: .synAck, latency: .microseconds(250),
                tls: TLSReport(expected: .yes, verdict: .tlsOK, version: "TLSv1.3", certificate: certificate)))
    }

    @Test func warnsAboutExpiryAndMismatchedCertificates() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let results = CertificateWarnings.apply(
            to: [
                tlsResult(host: "10.0.0.1", port: 13000, sha: "aa", notAfter: now.addingTimeInterval(9 * 86_400 + 60)),
                tlsResult(host: "10.0.0.1", port: 13291, sha: "bb", notAfter: now.addingTimeInterval(400 * 86_400)),
                tlsResult(host: "10.0.0.2", port: 13000, sha: "cc", notAfter: now.addingTimeInterval(-86_400)),
                tlsResult(host: "10.0.0.2", port: 13291, sha: "cc", notAfter: now.addingTimeInterval(-86_400)),
            ], now: now, days: 30)
        #expect(results[0].warnings == [
            "certificate of 10.0.0.1:13000 expires on 2027-01-24 (in 9 days)",
            "10.0.0.1 presents different certificates on 13000 and 13291",
        ])
        #expect(results[1].warnings == ["10.0.0.1 presents different certificates on 13000 and 13291"])
        #expect(results[2].warnings == ["certificate of 10.0.0.2:13000 expired on 2027-01-14"])
        #expect(results[3].warnings.count == 1)
        #expect(CertificateWarnings.apply(to: [results[0]], now: now, days: 5)[0].warnings.count == 2)
    }

    @Test func expectationsFollowTheDocuments() {
        var result = tlsResult(host: "10.0.0.1", port: 13000, sha: "aa", notAfter: .distantFuture)
        #expect(result.isExpected)
        result.outcome.tls?.verdict = .notTLS
        #expect(!result.isExpected)
        result.outcome.tls = nil
        result.outcome.state = .filtered
        #expect(!result.isExpected)
        result.target.transport = .udp
        result.outcome.state = .openFiltered
        #expect(result.isExpected)
        result.outcome.state = .closed
        #expect(!result.isExpected)
    }

    @Test func jsonHasTheIssueShapeAndDecodes() throws {
        var result = tlsResult(host: "10.0.0.1", port: 13000, sha: "aa", notAfter: Date(timeIntervalSince1970: 1_800_000_000))
        result.arrow = ArrowRef(schema: "ksc13-lan", label: "4", from: "client-direct", to: "admin-server")
        let report = ProbeReportJSON(topology: "lab", started: Date(timeIntervalSince1970: 1_700_000_000), results: [result])
        let text = try ProbeJSONEncoding.string(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["topology", "started", "vantage_note", "vantages", "results"])
        #expect(object["vantage_note"] as? String == "probed from here, not from the initiators")
        let first = try #require((object["results"] as? [[String: Any]])?.first)
        for key in ["schema", "label", "from", "to", "host", "address", "port", "protocol", "state", "reason", "latency_ms", "tls", "vantage"] {
            #expect(first[key] != nil, "\(key)")
        }
        #expect(first["health"] as? String == "as-documented", "the dashboard's word for the arrow's state")
        #expect(first["latency_ms"] as? Double == 0.25)
        #expect(first["vantage"] as? String == "here")
        #expect(first["from_initiator"] as? Bool == false)
        let tls = try #require(first["tls"] as? [String: Any])
        #expect(tls["expected"] as? Bool == true)
        #expect(tls["verdict"] as? String == "tls-ok")
        #expect(tls["not_after"] as? String == "2027-01-15T08:00:00.000Z")
        // One line per result, as an agent would stream them, reads back to the same value.
        let line = try ProbeJSONEncoding.string(ProbeResultJSON(result), lines: true)
        #expect(line.filter { $0 == "\n" }.count == 1)
        // The hand-written line is the encoder's text.
        #expect(try ProbeResultJSON(result).line() == line)
        var odd = ProbeResultJSON(result)
        odd.message = "quote \" backslash \\ tab \t bell \u{7} é"
        odd.tls = nil
        odd.latencyMilliseconds = 1234.5
        #expect(try odd.line() == ProbeJSONEncoding.string(odd, lines: true))
        #expect(try JSONDecoder().decode(ProbeResultJSON.self, from: Data(line.utf8)) == ProbeResultJSON(result))
    }
}
