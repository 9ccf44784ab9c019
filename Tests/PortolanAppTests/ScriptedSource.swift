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
    /// What `audit()` finds; nil: the source does not audit.
    private let findings: [ExposureFinding]?
    private let audited = Mutex(0)

    init(interval: Duration = .seconds(5), _ script: [Round], findings: [ExposureFinding]? = nil) {
        self.interval = interval
        self.script = script
        self.findings = findings
    }

    /// How many audits were asked for so far.
    var auditCount: Int { audited.withLock { $0 } }

    var audits: Bool { findings != nil }

    func audit() async -> [ExposureFinding] {
        audited.withLock { $0 += 1 }
        return findings ?? []
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
