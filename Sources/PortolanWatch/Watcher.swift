import Foundation
import Logging
import PortolanCore
import PortolanProbe
import ServiceLifecycle
import UnixSignals

/// Runs rounds of probes over a topology until stopped (or for a number of rounds): after each, the
/// report goes to the snapshot, the series to the metrics, the state changes to the events file, the
/// event streams and the log. SIGHUP re-reads the topology; a broken file keeps the old one running.
public final class Watcher: Service, Sendable {
    private let configuration: WatchConfiguration
    private let catalog: Catalog
    private let logger: Logger
    private let snapshot: WatchSnapshot
    private let hub: EventHub
    private let events: EventFile?
    private let metrics: MetricsBox
    private let reloads: ReloadBox
    private let hangups: UnixSignalsSequence?
    private let scrapes: ScrapeTimes?

    /// - Parameters:
    ///   - first: the topology as read at start.
    ///   - hangups: SIGHUP, trapped by the caller before anything else runs (so an early one cannot kill the process); `nil` in tests.
    ///   - scrapes: when `/metrics` is fetched, so that rounds end just before scrapes (`RoundSchedule`); `nil`: every `interval`.
    public init(
        configuration: WatchConfiguration, catalog: Catalog, first: WatchTarget, logger: Logger, snapshot: WatchSnapshot, hub: EventHub,
        events: EventFile?, metrics: WatchMetrics, hangups: UnixSignalsSequence?, scrapes: ScrapeTimes? = nil
    ) {
        self.configuration = configuration
        self.catalog = catalog
        self.logger = logger
        self.snapshot = snapshot
        self.hub = hub
        self.events = events
        self.metrics = MetricsBox(metrics)
        self.reloads = ReloadBox(first)
        self.hangups = hangups
        self.scrapes = scrapes
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            if let hangups {
                group.addTask {
                    for await _ in hangups { await self.reload() }
                }
            }
            await self.rounds()
            group.cancelAll()
        }
        await hub.finish()
    }

    /// Re-reads the topology file; on success the next round uses it, otherwise the current one goes on.
    public func reload() async {
        let path = configuration.topologyPath
        do {
            let target = try WatchTarget.read(path: path, catalog: catalog, only: configuration.only, maximumTargets: configuration.maximumTargets)
            await reloads.offer(target)
            await metrics.recordReload(successful: true)
            logger.info("topology reloaded", metadata: ["topology": "\(target.topology.name)", "file": "\(path)", "probes": "\(target.plan.probes.count)"])
        } catch {
            await metrics.recordReload(successful: false)
            logger.error("topology not reloaded, the previous one goes on: \(error)", metadata: ["file": "\(path)"])
        }
    }

    private func rounds() async {
        var detector = ArrowChangeDetector()
        var current = await reloads.take()
        var round = current?.round()
        var done = 0
        // The longest of the last few rounds: a round that ends late would miss its scrape and wait a whole interval.
        var lengths: [Duration] = []
        let clock = ContinuousClock()
        let origin = clock.now
        while let active = round, !Task.isShuttingDownGracefully, !Task.isCancelled {
            if let newer = await reloads.take() {
                await active.vantages.shutdown()
                current = newer
                round = newer.round()
                continue
            }
            let start = clock.now
            let results = CertificateWarnings.apply(to: await active.run(), now: Date(), days: active.settings.expiryWarningDays)
            let ended = Date()
            let duration = clock.now - start
            lengths = Array((lengths + [duration]).suffix(5))
            let vantages = await active.vantages.statuses()
            let changes = detector.changes(in: results, at: ended)
            done += 1
            await publish(results, vantages: vantages, changes: changes, topology: current?.topology.name ?? "", duration: duration, ended: ended, round: done)
            if let limit = configuration.rounds, done >= limit { break }
            let next = scrapes.map {
                origin + RoundSchedule.next(after: start - origin, interval: configuration.interval, took: lengths.max() ?? duration, scrapes: $0.since(origin))
            } ?? start + configuration.interval
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(until: next, clock: clock) }
            } catch {
                break
            }
        }
        await round?.vantages.shutdown()
        logger.info("stopped", metadata: ["rounds": "\(done)"])
    }

    private func publish(
        _ results: [ProbeResult], vantages: [VantageStatus], changes: [ArrowChangeEvent], topology: String, duration: Duration, ended: Date, round: Int
    ) async {
        let started = ended.addingTimeInterval(-WatchMetrics.seconds(duration))
        await snapshot.update(topology: topology, started: started, results: results, vantages: vantages, at: ended)
        await metrics.record(results, vantages: vantages, changes: changes, duration: duration, endedAt: ended)
        if let failure = events?.write(changes) { logger.error("\(failure)") }
        await hub.publish(changes)
        for change in changes {
            logger.info("state change", metadata: [
                "schema": "\(change.schema)", "label": "\(change.label)", "from": "\(change.from)", "to": "\(change.to)",
                "target": "\(change.host):\(change.port)/\(change.protocol)", "old": "\(change.old.rawValue)", "new": "\(change.new.rawValue)",
                "reason": "\(change.reason)", "vantage": "\(change.vantage)",
            ])
        }
        let unexpected = results.filter { !$0.isExpected }.count
        logger.info("round done", metadata: [
            "round": "\(round)", "topology": "\(topology)", "probes": "\(results.count)", "not_as_documented": "\(unexpected)",
            "changes": "\(changes.count)", "seconds": "\(String(format: "%.3f", WatchMetrics.seconds(duration)))",
        ])
    }
}

/// The topology the next round should use, handed from the SIGHUP task to the round loop.
actor ReloadBox {
    private var pending: WatchTarget?

    init(_ first: WatchTarget) { pending = first }

    func offer(_ target: WatchTarget) { pending = target }

    func take() -> WatchTarget? {
        defer { pending = nil }
        return pending
    }
}

/// The metrics, written by the round loop and the reload task.
actor MetricsBox {
    private var metrics: WatchMetrics

    init(_ metrics: WatchMetrics) { self.metrics = metrics }

    func record(_ results: [ProbeResult], vantages: [VantageStatus], changes: [ArrowChangeEvent], duration: Duration, endedAt: Date) {
        metrics.record(results, vantages: vantages, changes: changes, duration: duration, endedAt: endedAt)
    }

    func recordReload(successful: Bool) { metrics.recordReload(successful: successful) }
}
