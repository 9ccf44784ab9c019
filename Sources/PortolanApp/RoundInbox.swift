import Foundation
import PortolanCore
import Synchronization

/// One probe round as the source returned it: the results and the vantage points' states after it.
public struct ProbeRoundReport: Sendable {
    public var results: [ProbeResult]
    public var vantages: [VantageStatus]
}

/// Probe rounds handed from the background task that ran them to the dashboard's loop.
final class RoundInbox: Sendable {
    private let rounds = Mutex<[ProbeRoundReport]>([])
    private let audits = Mutex<[[ExposureFinding]]>([])

    func post(audit findings: [ExposureFinding]) {
        audits.withLock { $0.append(findings) }
    }

    /// The audits' findings posted since the last call, oldest first.
    func drainAudits() -> [[ExposureFinding]] {
        audits.withLock { audits in
            defer { audits.removeAll() }
            return audits
        }
    }

    func post(_ round: ProbeRoundReport) {
        rounds.withLock { $0.append(round) }
    }

    /// The rounds posted since the last call, oldest first.
    func drain() -> [ProbeRoundReport] {
        rounds.withLock { rounds in
            defer { rounds.removeAll() }
            return rounds
        }
    }
}
