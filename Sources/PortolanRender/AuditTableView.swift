import Foundation
import PortolanCore

/// The report `portolan audit` prints: a line of counts, where it was swept from, one row per finding
/// (host, port, vantage, kind, why), then each vantage point's state.
public struct AuditTableView: Sendable {
    public var findings: [ExposureFinding]
    public var topology: String
    /// How many probes the sweep sent.
    public var swept: Int
    public var vantages: [VantageStatus]
    /// True when the topology names no vantage point, so the sweep ran from this machine.
    public var fromHere: Bool
    /// True when hosts in a vantage point's own zone were left out (no `--inside`).
    public var insideSkipped: Bool

    public init(
        findings: [ExposureFinding], topology: String, swept: Int, vantages: [VantageStatus], fromHere: Bool, insideSkipped: Bool
    ) {
        self.findings = findings
        self.topology = topology
        self.swept = swept
        self.vantages = vantages
        self.fromHere = fromHere
        self.insideSkipped = insideSkipped
    }

    /// The cells of one finding's row.
    public static func row(_ finding: ExposureFinding) -> [String] {
        let host = finding.address.map { "\(finding.host) (\($0))" } ?? finding.host.description
        return [host, "\(finding.port)/\(finding.transport.rawValue)", finding.vantage.description, finding.kind.rawValue, finding.why]
    }

    /// The report; the `why` column wraps to fit `width` columns (`nil`: no limit).
    public func render(width: Int? = nil) -> String {
        var text = "topology \(topology): \(swept) probes, \(findings.count) findings\n"
        if fromHere { text += "swept from here: the topology names no vantage point\n" }
        if insideSkipped { text += "not swept: hosts in a vantage point's own zone (--inside sweeps them)\n" }
        let table = TextTable(header: ["host", "port", "from", "finding", "why"], rows: findings.map(Self.row), wrapping: [4])
        text += "\n" + (findings.isEmpty ? "no findings\n" : table.render(width: width))
        for status in vantages { text += "vantage \(status.summary(now: nil))\n" }
        return text
    }
}
