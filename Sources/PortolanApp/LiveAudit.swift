import Foundation
import PortolanCore

extension LiveState {
    /// Takes an audit's findings (they replace the last audit's); logs each finding that is new.
    public mutating func ingest(audit findings: [ExposureFinding], at time: Date) {
        let known = Set(exposures)
        for finding in findings where !known.contains(finding) {
            log(at: time, "exposed \(finding.host):\(finding.port)/\(finding.transport.rawValue) from \(finding.vantage): \(finding.kind.rawValue)", .tlsProblem)
        }
        exposures = findings
        auditedAt = time
    }
}
