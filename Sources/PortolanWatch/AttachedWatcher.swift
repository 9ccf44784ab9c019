import Foundation
import PortolanCore

/// A running watcher seen from a dashboard: each look returns its latest round, or, while it cannot be
/// reached, the last arrows it reported as `unknown` (never stale states shown as current). The watcher
/// itself appears as a vantage point named `watcher`, so the status bar and the log say when it went
/// down and came back.
public actor AttachedWatcher {
    public nonisolated let feed: WatcherFeed
    /// The topology's name, from the first look.
    public nonisolated let topologyName: String
    /// The schemas of the first look's results, in their order.
    public nonisolated let schemas: [SchemaID]
    private var results: [ProbeResult]
    private var vantages: [VantageStatus]
    private var status: VantageStatus

    /// Takes a first look, so that the dashboard knows the topology and its schemas before it opens.
    ///
    /// - Throws: `WatchFailure` when the watcher cannot be read (the message says why and what to do).
    public init(feed: WatcherFeed) async throws {
        self.feed = feed
        let first = await feed.read()
        guard case let .state(topology, results, vantages) = first else {
            if case let .unreachable(why) = first { throw WatchFailure(message: "--attach: \(why)") }
            throw WatchFailure(message: "--attach: \(feed.client.displayURL) cannot be read")
        }
        topologyName = topology
        var seen = Set<SchemaID>()
        schemas = results.compactMap(\.arrow?.schema).filter { seen.insert($0).inserted }
        self.results = results
        self.vantages = vantages
        status = VantageStatus(name: "watcher", command: [feed.client.displayURL], state: .up, since: Date(), starts: 1)
    }

    /// The latest round, or the last one's arrows as unknown while the watcher is unreachable.
    public func round() async -> [ProbeResult] {
        switch await feed.read() {
        case let .state(_, fresh, freshVantages):
            results = fresh
            vantages = freshVantages
            if status.state != .up {
                status.state = .up
                status.since = Date()
                status.starts += 1
                status.message = nil
            }
            return fresh
        case let .unreachable(why):
            if status.state != .down {
                let now = Date()
                status.state = .down
                status.since = now
                status.message = why
                status.failures += 1
                status.lastFailure = why
                status.lastFailureAt = now
            }
            return results.map { result in
                var unknown = result
                unknown.outcome = ProbeOutcome(address: result.outcome.address, state: .unknown, reason: .vantageDown, message: "watcher unreachable: \(why)")
                unknown.warnings = []
                return unknown
            }
        }
    }

    /// The watcher's own state first, then its vantage points as of its latest round.
    public func statuses() -> [VantageStatus] { [status] + vantages }

    /// True while the last look reached the watcher.
    public var reachable: Bool { status.state == .up }
}
