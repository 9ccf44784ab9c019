import Foundation
import PortolanCore
import Prometheus

/// The watcher's Prometheus series, kept in step with the latest round.
///
/// Names follow blackbox_exporter's habits (`_up` 0/1, `_duration_seconds`, `_timestamp_seconds`); every
/// per-arrow series carries the labels schema, arrow, from, to, host, address, port, protocol and vantage.
/// Series of arrows a reloaded topology no longer has are removed, so cardinality is the plan's size
/// times a fixed number of series per probe (ten with the state set, three without: `StateSeries`). The per-arrow families are written by `ArrowSeriesText`
/// (one row per probe), the few others by swift-prometheus's registry.
public struct WatchMetrics: Sendable {
    /// The registry of the series that are not per arrow (rounds, vantage points, reloads).
    public let registry: PrometheusCollectorRegistry
    /// The per-arrow series, from the latest round.
    public let arrows = ArrowSeriesText()
    /// Whether the per-arrow series include the state set.
    public let stateSeries: StateSeries

    /// The label names of every per-arrow series, in order.
    public static let arrowLabels = ["schema", "arrow", "from", "to", "host", "address", "port", "protocol", "vantage"]
    /// The states `portolan_arrow_state` has one series for each: every state a probe result can give
    /// (an arrow without a port is never probed, so its state is none of these).
    public static let states: [LinkHealth] = LinkHealth.allCases.filter { $0 == .unknown || $0.severity > LinkHealth.unknown.severity }

    private var vantages: [String: Gauge] = [:]
    private let roundDuration: Gauge
    private let roundTimestamp: Gauge
    private let rounds: Counter
    private let reloadSuccessful: Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), stateSeries: StateSeries = .auto) {
        self.registry = registry
        self.stateSeries = stateSeries
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
        var changed: Set<[UInt8]> = []
        for event in changes {
            changed.insert(ArrowSeriesText.labels([
                event.schema, event.label, event.from, event.to, event.host, event.address ?? "", String(event.port), event.protocol, event.vantage,
            ]))
        }
        arrows.record(results, changed: changed, states: stateSeries.includes(probes: results.count))
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

    /// The metrics in the Prometheus text format, whole (tests, small topologies).
    public func text() -> [UInt8] {
        var exposition = self.exposition()
        var all: [UInt8] = []
        while let piece = exposition.next() { all += piece }
        return all
    }

    /// The metrics in the Prometheus text format, a piece at a time: what `/metrics` streams.
    public func exposition() -> MetricsExposition { MetricsExposition(head: registry.emitToBuffer(), arrows: arrows.cursor()) }

    static func name(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The text of one scrape, in pieces: the registry's series, then the per-arrow families.
public struct MetricsExposition: Sendable {
    private var head: [UInt8]?
    private var arrows: ArrowTextCursor

    init(head: [UInt8], arrows: ArrowTextCursor) {
        self.head = head
        self.arrows = arrows
    }

    /// The next piece (whole lines, about `size` bytes), or `nil` at the end.
    public mutating func next(size: Int = 1 << 18) -> [UInt8]? {
        if let head {
            self.head = nil
            if !head.isEmpty { return head }
        }
        return arrows.next(size: size)
    }
}
