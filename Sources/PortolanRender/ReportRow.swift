import Foundation
import PortolanCore

/// One row of a report's table: an arrow and one of its hosts (an arrow probed on two hosts has two rows;
/// one not probed, or without a port, has one row that says why).
public struct ReportRow: Sendable, Hashable {
    public var label: String
    public var from: String
    public var to: String
    /// `host:port/protocol`, the address after the name where they differ.
    public var target: String
    /// What the documents say: `open, TLS yes`, `open or open|filtered (UDP)`.
    public var documented: String
    /// What the probe found: `open in 0.42 ms`, `closed`.
    public var observed: String
    /// The TLS verdict and version (`tls-ok TLSv1.3`); empty where TLS was not checked.
    public var tls: String
    /// The arrow's live state from this host; nil for an arrow without a port.
    public var health: LinkHealth?
    public var reason: String
    /// Where the probe went from: a vantage point, or `here (not the initiator)`.
    public var vantage: String
    /// The certificate's subject and expiry, with any warning; empty without TLS.
    public var certificate: String
    /// True when the arrow is not as documented from this host (the exit status of `probe` counts these).
    public var isProblem: Bool

    /// The rows of every arrow of `schema`, in its order.
    static func rows(_ schema: Schema, results: [ProbeResult], notProbed: String) -> [ReportRow] {
        var grouped: [ArrowRef: [ProbeResult]] = [:]
        for result in results {
            guard let arrow = result.arrow, arrow.schema == schema.id else { continue }
            grouped[arrow, default: []].append(result)
        }
        return schema.connections.flatMap { connection -> [ReportRow] in
            let found = grouped[ArrowRef(connection, in: schema.id)] ?? []
            guard !found.isEmpty else { return [unprobed(connection, reason: notProbed)] }
            return found.map { row(connection, $0) }
        }
    }

    /// What the documents say about a connection's port.
    static func documented(_ connection: Connection) -> String {
        guard let port = connection.effectivePort, let transport = connection.transport else { return "no port (\(connection.link.rawValue))" }
        switch transport {
        case .udp: return "\(port)/udp open or open|filtered"
        case .tcp:
            let tls = switch connection.tls {
            case .yes: ", TLS"
            case .no: ", no TLS"
            default: ""
            }
            return "\(port)/tcp open\(tls)"
        }
    }

    private static func unprobed(_ connection: Connection, reason: String) -> ReportRow {
        let hasPort = connection.effectivePort != nil && connection.transport != nil && !connection.isLocal
        return ReportRow(
            label: connection.label.rawValue, from: connection.initiator.rawValue, to: connection.responder.rawValue,
            target: "-", documented: documented(connection), observed: hasPort ? "not probed" : "-", tls: "",
            health: hasPort ? .unknown : nil, reason: hasPort ? reason : "nothing to probe", vantage: "-",
            certificate: "", isProblem: false)
    }

    private static func row(_ connection: Connection, _ result: ProbeResult) -> ReportRow {
        let outcome = result.outcome
        var observed = outcome.state.rawValue
        if let latency = outcome.latency { observed += " in " + ProbeTableView.latency(latency) }
        var tls = outcome.tls.map(\.verdict.rawValue) ?? ""
        if let version = outcome.tls?.version { tls += " \(version)" }
        var reason = outcome.reason.rawValue
        if let message = outcome.message ?? outcome.tls?.message { reason += ": \(message)" }
        var certificate = ""
        if let cert = outcome.tls?.certificate {
            certificate = "\(cert.subject), expires \(Report.day(Int(cert.notAfter.timeIntervalSince1970.rounded(.down)) / 86_400))"
        }
        if !result.warnings.isEmpty { certificate += (certificate.isEmpty ? "" : "; ") + result.warnings.joined(separator: "; ") }
        return ReportRow(
            label: connection.label.rawValue, from: connection.initiator.rawValue, to: connection.responder.rawValue,
            target: ProbeTableView.target(result), documented: documented(connection),
            observed: observed, tls: tls.trimmingCharacters(in: .whitespaces), health: LinkHealth(result), reason: reason,
            vantage: ProbeTableView.place(result), certificate: certificate, isProblem: !result.isExpected)
    }
}
