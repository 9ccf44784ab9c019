import Foundation
import PortolanCore
import PortolanWatch
import Testing

/// The Prometheus series follow the latest round: values, labels, and removal of vanished arrows.
@Suite struct WatchMetricsTests {
    static func result(
        _ label: ArrowLabel, port: Int, _ state: PortState, _ reason: ProbeReason, certificate: String? = nil, address: IPAddress = IPAddress("127.0.3.9")!
    ) -> ProbeResult {
        let arrow = ArrowRef(schema: "ksc13-server-agent", label: label, from: "client", to: "admin-server")
        let target = ProbeTarget(host: .address(address), port: PortNumber(port)!, transport: .tcp, tls: certificate == nil ? .no : .yes)
        let tls = certificate.map {
            TLSReport(
                expected: .yes, verdict: .tlsOK,
                certificate: CertificateInfo(subject: "s", issuer: "i", alternativeNames: [], notAfter: Date(timeIntervalSince1970: 1_900_000_000), sha256: $0))
        } ?? (state == .open ? TLSReport(expected: .no, verdict: .plainOK) : nil)
        return ProbeResult(
            arrow: arrow, target: target,
            outcome: ProbeOutcome(address: address, state: state, reason: reason, latency: .microseconds(250), tls: tls))
    }

    static func lines(_ metrics: WatchMetrics) -> [String] {
        String(decoding: metrics.text(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func aRoundBecomesUpStateDurationCertificateAndRoundSeries() {
        var metrics = WatchMetrics()
        let results = [Self.result("2", port: 13000, .open, .synAck, certificate: "abc"), Self.result("3", port: 14000, .closed, .connRefused)]
        let vantages = [VantageStatus(name: "dmz", command: ["true"], state: .up)]
        metrics.record(results, vantages: vantages, changes: [], duration: .milliseconds(1500), endedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let lines = Self.lines(metrics)
        let labels2 = #"schema="ksc13-server-agent",arrow="2",from="client",to="admin-server",host="127.0.3.9",address="127.0.3.9",port="13000",protocol="tcp",vantage="here""#
        let labels3 = labels2.replacingOccurrences(of: #"arrow="2""#, with: #"arrow="3""#).replacingOccurrences(of: "13000", with: "14000")
        #expect(lines.contains("portolan_arrow_up{\(labels2)} 1"))
        #expect(lines.contains("portolan_arrow_up{\(labels3)} 0"))
        #expect(lines.contains("portolan_arrow_state{\(labels3),state=\"\(LinkHealth.closed.rawValue)\"} 1"))
        #expect(lines.contains("portolan_arrow_state{\(labels3),state=\"\(LinkHealth.asDocumented.rawValue)\"} 0"))
        #expect(lines.filter { $0.hasPrefix("portolan_arrow_state{\(labels3),") }.count == WatchMetrics.states.count)
        #expect(lines.contains("portolan_probe_duration_seconds{\(labels2)} 0.00025"))
        #expect(lines.contains("portolan_tls_cert_not_after_timestamp_seconds{\(labels2)} 1900000000.0"))
        #expect(lines.contains("portolan_tls_cert_info{\(labels2),sha256=\"abc\"} 1"))
        #expect(!lines.contains { $0.hasPrefix("portolan_tls_cert_not_after_timestamp_seconds{\(labels3)") })
        #expect(lines.contains("portolan_vantage_up{vantage=\"dmz\"} 1.0"))
        #expect(lines.contains("portolan_round_duration_seconds 1.5"))
        #expect(lines.contains("portolan_round_timestamp_seconds 1800000000.0"))
        #expect(lines.contains("# TYPE portolan_state_changes_total counter"))
    }

    @Test func changesAreCountedAndVanishedArrowsLoseTheirSeries() {
        var metrics = WatchMetrics()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var detector = ArrowChangeDetector()
        let open = [Self.result("2", port: 13000, .open, .synAck, certificate: "abc"), Self.result("3", port: 14000, .open, .synAck)]
        metrics.record(open, vantages: [], changes: detector.changes(in: open, at: t0), duration: .seconds(1), endedAt: t0)
        let closed = [Self.result("2", port: 13000, .open, .synAck, certificate: "def"), Self.result("3", port: 14000, .closed, .connRefused)]
        metrics.record(closed, vantages: [], changes: detector.changes(in: closed, at: t0), duration: .seconds(1), endedAt: t0)
        var lines = Self.lines(metrics)
        #expect(lines.contains { $0.hasPrefix("portolan_state_changes_total{") && $0.contains(#"arrow="3""#) && $0.hasSuffix(" 1") })
        #expect(lines.contains { $0.hasPrefix("portolan_state_changes_total{") && $0.contains(#"arrow="2""#) && $0.hasSuffix(" 0") })
        // A new certificate replaces the old fingerprint's series.
        #expect(lines.contains { $0.hasPrefix("portolan_tls_cert_info{") && $0.contains(#"sha256="def""#) })
        #expect(!lines.contains { $0.hasPrefix("portolan_tls_cert_info{") && $0.contains(#"sha256="abc""#) })
        // A reloaded topology without arrow 3: its series go.
        let fewer = [Self.result("2", port: 13000, .open, .synAck, certificate: "def")]
        metrics.record(fewer, vantages: [], changes: detector.changes(in: fewer, at: t0), duration: .seconds(1), endedAt: t0)
        lines = Self.lines(metrics)
        #expect(!lines.contains { $0.contains(#"arrow="3""#) })
        #expect(lines.contains { $0.hasPrefix("portolan_arrow_up{") && $0.contains(#"arrow="2""#) })
    }

    /// The state set is seven of a probe's ten series: left out above `StateSeries.automaticLimit` probes
    /// by default, or always when off; `portolan_arrow_up` stays.
    @Test func theStateSetFollowsTheStateSeriesSetting() {
        #expect(StateSeries.auto.includes(probes: StateSeries.automaticLimit))
        #expect(!StateSeries.auto.includes(probes: StateSeries.automaticLimit + 1))
        #expect(StateSeries.on.includes(probes: 1_000_000) && !StateSeries.off.includes(probes: 1))
        let results = [Self.result("2", port: 13000, .open, .synAck), Self.result("3", port: 14000, .closed, .connRefused)]
        for (setting, present) in [(StateSeries.off, false), (.on, true), (.auto, true)] {
            var metrics = WatchMetrics(stateSeries: setting)
            metrics.record(results, vantages: [], changes: [], duration: .seconds(1), endedAt: Date())
            let lines = Self.lines(metrics)
            #expect(lines.contains { $0.hasPrefix("portolan_arrow_state{") } == present, "\(setting)")
            #expect(lines.contains("# TYPE portolan_arrow_state gauge") == present, "\(setting)")
            #expect(lines.filter { $0.hasPrefix("portolan_arrow_up{") }.count == 2, "\(setting)")
        }
    }

    /// A reloaded topology may list the same probes in another order: their change counters follow the
    /// probe, not the place.
    @Test func changeCountersFollowTheProbeWhenTheOrderChanges() {
        var metrics = WatchMetrics()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var detector = ArrowChangeDetector()
        let open = [Self.result("2", port: 13000, .open, .synAck), Self.result("3", port: 14000, .open, .synAck)]
        metrics.record(open, vantages: [], changes: detector.changes(in: open, at: t0), duration: .seconds(1), endedAt: t0)
        let closed = [Self.result("2", port: 13000, .open, .synAck), Self.result("3", port: 14000, .closed, .connRefused)]
        metrics.record(closed, vantages: [], changes: detector.changes(in: closed, at: t0), duration: .seconds(1), endedAt: t0)
        let swapped = Array(closed.reversed())
        let none = detector.changes(in: swapped, at: t0)
        #expect(none.isEmpty, "the same states in another order are no change: \(none)")
        metrics.record(swapped, vantages: [], changes: none, duration: .seconds(1), endedAt: t0)
        let lines = Self.lines(metrics)
        #expect(lines.contains { $0.hasPrefix("portolan_state_changes_total{") && $0.contains(#"arrow="3""#) && $0.hasSuffix(" 1") })
        #expect(lines.contains { $0.hasPrefix("portolan_state_changes_total{") && $0.contains(#"arrow="2""#) && $0.hasSuffix(" 0") })
        #expect(metrics.arrows.count == 2)
    }
}
