import Foundation
import PortolanApp
import PortolanCore
import Synchronization

/// A `LiveSource` that plays rounds from a script: each round returns the next results and vantage
/// states, the last one again when the script runs out. It counts the rounds it was asked for.
final class ScriptedSource: LiveSource {
    struct Round: Sendable {
        var results: [ProbeResult]
        var vantages: [VantageStatus] = []
    }

    let topologyName = "scripted"
    let interval: Duration
    private let script: [Round]
    private let played = Mutex(0)
    private let lastVantages = Mutex<[VantageStatus]>([])

    init(interval: Duration = .seconds(5), _ script: [Round]) {
        self.interval = interval
        self.script = script
    }

    /// How many rounds were asked for so far.
    var rounds: Int { played.withLock { $0 } }

    func probeRound() async -> [ProbeResult] {
        let round = played.withLock { count -> Round? in
            defer { count += 1 }
            return script.isEmpty ? nil : script[min(count, script.count - 1)]
        }
        lastVantages.withLock { $0 = round?.vantages ?? [] }
        return round?.results ?? []
    }

    func vantageStatuses() async -> [VantageStatus] { lastVantages.withLock { $0 } }
}
