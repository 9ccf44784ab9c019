import PortolanCore
import PortolanRender
import Testing

/// The probe table `probe` and `demo --no-tui` print.
@Suite struct ProbeTableViewTests {
    static func result(_ state: PortState, _ reason: ProbeReason, port: Int, vantage: Vantage = .here) throws -> ProbeResult {
        let address = try #require(IPAddress("10.0.0.5"))
        return ProbeResult(
            arrow: ArrowRef(schema: "ksc13-lan", label: "4", from: "client-direct", to: "admin-server"),
            target: ProbeTarget(host: .address(address), port: try #require(PortNumber(port)), transport: .tcp),
            outcome: ProbeOutcome(address: address, state: state, reason: reason, latency: .microseconds(1500)), vantage: vantage)
    }

    @Test func aRowSaysWhatWasProbedFromWhereAndWhetherAsDocumented() throws {
        let open = ProbeTableView.row(try Self.result(.open, .synAck, port: 13000))
        #expect(open == ["ksc13-lan 4", "client-direct → admin-server", "10.0.0.5:13000/tcp", "here (not the initiator)", "open", "", "1.50 ms", "syn-ack", "yes"])
        let closed = ProbeTableView.row(try Self.result(.closed, .connRefused, port: 13001, vantage: .named("lan")))
        #expect(closed[3] == "lan" && closed.last == "NO")
    }

    @Test func theReportCountsAndNotes() throws {
        let view = ProbeTableView(
            results: [try Self.result(.open, .synAck, port: 13000), try Self.result(.closed, .connRefused, port: 13001)],
            topology: "site", skipped: 3, note: "demo note")
        let text = view.render()
        #expect(text.hasPrefix("topology site: 2 probes, 1 not as documented\n"))
        #expect(text.contains("3 arrows not probed"))
        #expect(text.hasSuffix("demo note\n"))
    }
}
