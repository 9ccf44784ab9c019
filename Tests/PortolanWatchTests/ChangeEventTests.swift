import Foundation
import PortolanCore
import Testing

/// The state-change events the watcher writes and streams, and the dashboard's `--log` shares.
@Suite struct ChangeEventTests {
    static let arrow = ArrowRef(schema: "ksc13-server-agent", label: "2", from: "client", to: "admin-server")
    static let target = ProbeTarget(host: .address(IPAddress("127.0.3.9")!), port: PortNumber(13000)!, transport: .tcp, tls: .yes)

    static func result(_ state: PortState, _ reason: ProbeReason, vantage: Vantage = .here) -> ProbeResult {
        ProbeResult(arrow: arrow, target: target, outcome: ProbeOutcome(address: IPAddress("127.0.3.9"), state: state, reason: reason), vantage: vantage)
    }

    @Test func theFirstRoundReportsOnlyProblemsThenEveryChange() {
        var detector = ArrowChangeDetector()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(detector.changes(in: [Self.result(.open, .synAck)], at: t0).isEmpty)
        #expect(detector.changes(in: [Self.result(.open, .synAck)], at: t0.addingTimeInterval(5)).isEmpty)
        let closed = detector.changes(in: [Self.result(.closed, .connRefused)], at: t0.addingTimeInterval(10))
        #expect(closed.count == 1)
        #expect(closed.first?.old == .asDocumented)
        #expect(closed.first?.new == .closed)
        #expect(closed.first?.reason == "conn-refused")
        #expect(closed.first?.time == "2027-01-15T08:00:10.000Z")
        let back = detector.changes(in: [Self.result(.open, .synAck)], at: t0.addingTimeInterval(15))
        #expect(back.map(\.new) == [.asDocumented])

        var fresh = ArrowChangeDetector()
        let first = fresh.changes(in: [Self.result(.filtered, .timeout)], at: t0)
        #expect(first.map(\.old) == [.unknown])
        #expect(first.map(\.new) == [.filtered])
    }

    @Test func theSamePortFromTwoPlacesIsTwoFacts() {
        var detector = ArrowChangeDetector()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        _ = detector.changes(in: [Self.result(.open, .synAck), Self.result(.open, .synAck, vantage: .named("dmz"))], at: t0)
        let changes = detector.changes(in: [Self.result(.open, .synAck), Self.result(.filtered, .timeout, vantage: .named("dmz"))], at: t0)
        #expect(changes.map(\.vantage) == ["dmz"])
    }

    /// The detector compares place by place while the plan stays; a reloaded plan (another order, a
    /// probe more) is compared by arrow × target × vantage point, and a new probe is a baseline.
    @Test func aReorderedRoundIsComparedByProbeNotByPlace() {
        var detector = ArrowChangeDetector()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let dmz = Vantage.named("dmz")
        _ = detector.changes(in: [Self.result(.open, .synAck), Self.result(.open, .synAck, vantage: dmz)], at: t0)
        let other = ProbeResult(
            arrow: Self.arrow, target: ProbeTarget(host: .address(IPAddress("127.0.3.10")!), port: PortNumber(13000)!, transport: .tcp, tls: .yes),
            outcome: ProbeOutcome(address: IPAddress("127.0.3.10"), state: .closed, reason: .connRefused))
        let changes = detector.changes(in: [other, Self.result(.filtered, .timeout, vantage: dmz), Self.result(.open, .synAck)], at: t0)
        #expect(changes.map(\.vantage) == ["here", "dmz"])
        #expect(changes.map(\.host) == ["127.0.3.10", "127.0.3.9"])
        #expect(changes.map(\.old) == [.unknown, .asDocumented])
        #expect(detector.health.count == 3)
    }

    @Test func theEventIsOneJSONLineWithEveryField() throws {
        var detector = ArrowChangeDetector()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let event = try #require(detector.changes(in: [Self.result(.closed, .connRefused)], at: t0).first)
        let line = event.line()
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["time", "schema", "label", "from", "to", "host", "address", "port", "protocol", "old", "new", "reason", "vantage"])
        #expect(object["old"] as? String == LinkHealth.unknown.rawValue)
        #expect(object["new"] as? String == LinkHealth.closed.rawValue)
        #expect(object["port"] as? Int == 13000)
        // It reads back as the same value.
        #expect(try JSONDecoder().decode(ArrowChangeEvent.self, from: Data(line.utf8)) == event)
    }
}
