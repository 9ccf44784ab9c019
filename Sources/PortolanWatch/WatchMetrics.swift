import Foundation
import PortolanCore
import Prometheus

/// The watcher's Prometheus series, kept in step with the latest round.
///
/// Names follow blackbox_exporter's habits (`_up` 0/1, `_duration_seconds`, `_timestamp_seconds`); every
/// per-arrow series carries the labels schema, arrow, from, to, host, address, port, protocol and vantage.
/// Series of arrows a reloaded topology no longer has are removed, so cardinality is the plan's size
/// times a fixed number of series per probe.
public struct WatchMetrics: Sendable {
    /// The registry `/metrics` emits.
    public let registry: PrometheusCollectorRegistry

    /// The label names of every per-arrow series, in order.
    public static let arrowLabels = ["schema", "arrow", "from", "to", "host", "address", "port", "protocol", "vantage"]
    /// The states `portolan_arrow_state` has one series for each: every state a probe result can give
    /// (an arrow without a port is never probed, so its state is none of these).
    public static let states: [LinkHealth] = LinkHealth.allCases.filter { $0 == .unknown || $0.severity > LinkHealth.unknown.severity }

    private var series: [[String]: ArrowSeries] = [:]
    private var vantages: [String: Gauge] = [:]
    private let roundDuration: Gauge
    private let roundTimestamp: Gauge
    private let rounds: Counter
    private let reloadSuccessful: Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        roundDuration = registry.makeGauge(descriptor: Self.name("portolan_round_duration_seconds", "How long the latest round of probes took."), labels: [])
        roundTimestamp = registry.makeGauge(
            descriptor: Self.name("portolan_round_timestamp_seconds", "When the latest round ended, in seconds since the Unix epoch."), labels: [])
        rounds = registry.makeCounter(descriptor: Self.name("portolan_rounds_total", "Rounds of probes run since the watcher started."), labels: [])
        reloadSuccessful = registry.makeGauge(
            descriptor: Self.name("portolan_topology_last_reload_successful", "1 when the topology file last read (at start or on SIGHUP) was valid."),
            labels: [])
        reloadSuccessful.set(to: 1)
    }

    /// Sets every series from one round; removes the series of probes the round no longer has.
    ///
    /// - Parameters:
    ///   - changes: the round's state changes, counted in `portolan_state_changes_total`.
    public mutating func record(
        _ results: [ProbeResult], vantages statuses: [VantageStatus], changes: [ArrowChangeEvent], duration: Duration, endedAt: Date
    ) {
        var changed: Set<[String]> = []
        for event in changes {
            changed.insert([event.schema, event.label, event.from, event.to, event.host, event.address ?? "", String(event.port), event.protocol, event.vantage])
        }
        var seen = Set<[String]>()
        for result in results {
            guard let arrow = result.arrow else { continue }
            let values = [
                arrow.schema.rawValue, arrow.label.rawValue, arrow.from.rawValue, arrow.to.rawValue, result.target.host.description,
                result.outcome.address?.description ?? "", String(result.target.port.rawValue), result.target.transport.rawValue,
                result.vantage.description,
            ]
            guard seen.insert(values).inserted else { continue }
            var entry = series[values] ?? ArrowSeries(registry: registry, labels: Array(zip(Self.arrowLabels, values)))
            entry.update(result, in: registry)
            if changed.contains(values) { entry.changes.increment() }
            series[values] = entry
        }
        for (values, entry) in series where !seen.contains(values) {
            entry.remove(from: registry)
            series[values] = nil
        }
        var named = Set<String>()
        for status in statuses {
            named.insert(status.name)
            let gauge = vantages[status.name] ?? registry.makeGauge(
                descriptor: Self.name("portolan_vantage_up", "1 when the vantage point's agent answers, 0 when it is down or not started."),
                labels: [("vantage", status.name)])
            gauge.set(to: status.state == .up ? 1 : 0)
            vantages[status.name] = gauge
        }
        for (name, gauge) in vantages where !named.contains(name) {
            registry.unregisterGauge(gauge)
            vantages[name] = nil
        }
        roundDuration.set(to: Self.seconds(duration))
        roundTimestamp.set(to: endedAt.timeIntervalSince1970)
        rounds.increment()
    }

    /// Records whether the topology file last read was valid.
    public func recordReload(successful: Bool) { reloadSuccessful.set(to: successful ? 1 : 0) }

    /// The metrics in the Prometheus text format.
    public func text() -> [UInt8] { registry.emitToBuffer() }

    static func name(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The series of one probed arrow × target × vantage point.
struct ArrowSeries: Sendable {
    let labels: [(String, String)]
    let up: Gauge
    let states: [(LinkHealth, Gauge)]
    let changes: Counter
    var duration: Gauge?
    var notAfter: Gauge?
    var certificate: Gauge?
    var fingerprint: String?

    init(registry: PrometheusCollectorRegistry, labels: [(String, String)]) {
        self.labels = labels
        up = registry.makeGauge(
            descriptor: WatchMetrics.name("portolan_arrow_up", "1 when the arrow answers as documented from its vantage point, else 0."), labels: labels)
        states = WatchMetrics.states.map { state in
            (state, registry.makeGauge(
                descriptor: WatchMetrics.name("portolan_arrow_state", "1 for the arrow's live state, 0 for the others (one series per state)."),
                labels: labels + [("state", state.rawValue)]))
        }
        changes = registry.makeCounter(
            descriptor: WatchMetrics.name("portolan_state_changes_total", "How often the arrow's live state changed since the watcher started."),
            labels: labels)
    }

    mutating func update(_ result: ProbeResult, in registry: PrometheusCollectorRegistry) {
        up.set(to: result.isExpected ? 1 : 0)
        let health = LinkHealth(result)
        for (state, gauge) in states { gauge.set(to: state == health ? 1 : 0) }
        if let latency = result.outcome.latency {
            let gauge = duration ?? registry.makeGauge(
                descriptor: WatchMetrics.name("portolan_probe_duration_seconds", "How long the probe took to get its answer (connect, datagram)."),
                labels: labels)
            gauge.set(to: WatchMetrics.seconds(latency))
            duration = gauge
        } else if let gauge = duration {
            registry.unregisterGauge(gauge)
            duration = nil
        }
        if let certificate = result.outcome.tls?.certificate {
            let expiry = notAfter ?? registry.makeGauge(
                descriptor: WatchMetrics.name(
                    "portolan_tls_cert_not_after_timestamp_seconds", "When the certificate the port presented expires, in seconds since the Unix epoch."),
                labels: labels)
            expiry.set(to: certificate.notAfter.timeIntervalSince1970)
            notAfter = expiry
            if let info = self.certificate, fingerprint != certificate.sha256 {
                registry.unregisterGauge(info)
                self.certificate = nil
            }
            fingerprint = certificate.sha256
            let info = self.certificate ?? registry.makeGauge(
                descriptor: WatchMetrics.name("portolan_tls_cert_info", "1 per certificate a port presents, labelled with its SHA-256 fingerprint."),
                labels: labels + [("sha256", certificate.sha256)])
            info.set(to: 1)
            self.certificate = info
        } else {
            if let gauge = notAfter { registry.unregisterGauge(gauge) }
            if let gauge = certificate { registry.unregisterGauge(gauge) }
            notAfter = nil
            certificate = nil
        }
    }

    func remove(from registry: PrometheusCollectorRegistry) {
        registry.unregisterGauge(up)
        for (_, gauge) in states { registry.unregisterGauge(gauge) }
        registry.unregisterCounter(changes)
        if let duration { registry.unregisterGauge(duration) }
        if let notAfter { registry.unregisterGauge(notAfter) }
        if let certificate { registry.unregisterGauge(certificate) }
    }
}
