import Foundation
import PortolanCore

/// What the HTTP endpoint serves between rounds: the latest round's report, already encoded, and how
/// the watcher is doing. Written by the watcher after each round, read by every request.
public actor WatchSnapshot {
    /// `/api/v1/state`'s body: the `probe --json` document of the latest round; `nil` before the first.
    public private(set) var state: Data?
    public private(set) var rounds = 0
    public private(set) var topologyName: String
    public private(set) var lastRound: Date?

    public init(topologyName: String) { self.topologyName = topologyName }

    /// Takes a finished round.
    public func update(_ report: ProbeReportJSON, at time: Date) {
        state = (try? ProbeJSONEncoding.string(report)).map { Data($0.utf8) }
        topologyName = report.topology
        rounds += 1
        lastRound = time
    }
}
