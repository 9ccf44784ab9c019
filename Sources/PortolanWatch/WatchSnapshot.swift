import Foundation
import PortolanCore

/// What the HTTP endpoint serves between rounds: the latest round's results and how the watcher is
/// doing. Written by the watcher after each round, read by every request.
///
/// The round is kept as its results, not as JSON: `/api/v1/state` writes the document a piece at a
/// time on each request (`ProbeReportPieces`). Encoded once per round, the document of 100,000 targets
/// was tens of MiB held (and several times that while `JSONEncoder` built it), for a page that is
/// rarely fetched.
public actor WatchSnapshot {
    /// The latest round: what `/api/v1/state` writes.
    struct Round: Sendable {
        var topology: String
        var started: Date
        var results: [ProbeResult]
        var vantages: [VantageStatus]
    }

    private var latest: Round?
    public private(set) var rounds = 0
    public private(set) var topologyName: String
    public private(set) var lastRound: Date?

    public init(topologyName: String) { self.topologyName = topologyName }

    /// Takes a finished round.
    public func update(topology: String, started: Date, results: [ProbeResult], vantages: [VantageStatus], at time: Date) {
        latest = Round(topology: topology, started: started, results: results, vantages: vantages)
        topologyName = topology
        rounds += 1
        lastRound = time
    }

    /// `/api/v1/state`'s body, the `probe --json` document of the latest round, as pieces to write;
    /// `nil` before the first round.
    public var state: ProbeReportPieces? {
        latest.map { ProbeReportPieces(topology: $0.topology, started: $0.started, results: $0.results, vantages: $0.vantages) }
    }
}
