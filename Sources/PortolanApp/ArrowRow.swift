import Foundation
import PortolanCore

/// One row of the arrows table: an arrow of the open schema at one of its hosts with its live state, or an exposed port
/// the audit found on one of the schema's hosts.
public struct ArrowRow: Sendable, Hashable {
    /// What the row stands for.
    public enum Subject: Sendable, Hashable {
        /// The arrow at this index of the open schema's connections.
        case arrow(index: Int)
        /// An audit finding on a host of the open schema; `role` is a role bound to that host, if known.
        case exposure(ExposureFinding, role: RoleID?)
    }

    public var subject: Subject
    /// The arrow's number (`4`, `15a`); `-` for an exposed port.
    public var number: String
    public var from: String
    public var to: String
    /// `host:port/protocol` of the row's host, or the documented port where the arrow was not probed.
    public var target: String
    /// The TLS verdict of that host, or what the documents say before a probe.
    public var tls: String
    public var state: ArrowRowState
    /// How long the row's probe took to answer; nil without an answer.
    public var latency: Duration?
    public var reason: String
    public var vantage: String
    public var changed: Date?
    /// Everything `/` searches, lower case.
    var searchText: String

    /// True for a row that needs a look: an exposed port, or an arrow not as documented (UDP silence,
    /// which cannot be told from open, is no problem; `unknown`, a vantage point down or no answer yet, is).
    public var isProblem: Bool {
        switch state {
        case let .live(health): health.isProblem
        case .notProbed: false
        case .exposed: true
        }
    }

    /// The rows of the open schema: its arrows in the documents' order, one row per host each arrow was
    /// probed at (one row for an arrow not probed yet), then the findings on its hosts.
    public static func rows(of state: AppState) -> [ArrowRow] {
        guard let schema = state.current else { return [] }
        let rows = schema.connections.indices.flatMap { arrow($0, schema, state) }
        return rows + exposures(schema, state)
    }

    /// The rows of one arrow: one per target it was probed at, in the order the results came, each with
    /// that target's worst result; one row with the documented port where there is no result.
    private static func arrow(_ index: Int, _ schema: Schema, _ state: AppState) -> [ArrowRow] {
        let c = schema.connections[index]
        let live = state.live.arrows[ArrowRef(c, in: schema.id)]
        let results = live?.results ?? []
        var targets: [ProbeTarget] = []
        var byTarget: [ProbeTarget: [ProbeResult]] = [:]
        for result in results {
            if byTarget[result.target] == nil { targets.append(result.target) }
            byTarget[result.target, default: []].append(result)
        }
        let arrowState: ArrowRowState = state.probing ? (state.live.health(of: c, in: schema.id).map(ArrowRowState.live) ?? .notProbed) : .notProbed
        let from = schema.role(c.initiator), to = schema.role(c.responder)
        func row(_ group: [ProbeResult]) -> ArrowRow {
            let deciding = LiveState.deciding(group)
            // Short where nothing is probed: the reason column says why (a local call, no port named).
            var target = c.port == nil ? (c.link == .com ? "local" : "-") : DetailsPane.port(c)
            var rowState = arrowState
            if let deciding {
                target = "\(deciding.target.host):\(deciding.target.port)/\(deciding.target.transport.rawValue)"
                // An arrow whose vantage point is down is unknown at every host; otherwise each host its own.
                if case .live(let health) = arrowState, health != .unknown { rowState = .live(LinkHealth(deciding)) }
            }
            let vantages = Set(group.map(\.vantage.description)).sorted()
            let words = [c.label.rawValue, c.initiator.rawValue, c.responder.rawValue, from?.label ?? "", to?.label ?? "", target, DetailsPane.port(c), rowState.word]
            return ArrowRow(
                subject: .arrow(index: index), number: c.label.rawValue, from: c.initiator.rawValue, to: c.responder.rawValue, target: target,
                tls: deciding?.outcome.tls?.verdict.rawValue ?? c.tls.word, state: rowState,
                latency: deciding?.outcome.latency,
                reason: deciding.map { reason($0) } ?? (c.port == nil ? (c.link == .com ? "local call" : "no port named") : "-"),
                vantage: vantages.isEmpty ? "-" : vantages.joined(separator: ", "),
                changed: rowState == .notProbed ? nil : live?.changedAt,
                searchText: words.joined(separator: " ").lowercased())
        }
        return targets.isEmpty ? [row([])] : targets.map { row(byTarget[$0] ?? []) }
    }

    /// A result's reason: the probe's evidence, and the TLS verdict where it is not as documented.
    private static func reason(_ result: ProbeResult) -> String {
        if let tls = result.outcome.tls, !tls.verdict.isExpected { return "\(result.outcome.reason.rawValue), \(tls.verdict.rawValue)" }
        return result.outcome.reason.rawValue
    }

    /// The audit's findings on hosts that this schema's arrows were probed at, or that name an arrow of it.
    private static func exposures(_ schema: Schema, _ state: AppState) -> [ArrowRow] {
        var rolesByHost: [TargetHost: [RoleID]] = [:]
        for (arrow, live) in state.live.arrows where arrow.schema == schema.id {
            for result in live.results where !(rolesByHost[result.target.host]?.contains(arrow.to) ?? false) {
                rolesByHost[result.target.host, default: []].append(arrow.to)
            }
        }
        return state.live.exposures.compactMap { finding in
            let roles = (rolesByHost[finding.host] ?? []).sorted { $0.rawValue < $1.rawValue }
            guard !roles.isEmpty || finding.neededBy.contains(where: { $0.arrow.schema == schema.id }) else { return nil }
            let target = "\(finding.shownHost):\(finding.port)/\(finding.transport.rawValue)"
            let to = roles.isEmpty ? finding.host.description : roles.map(\.rawValue).joined(separator: ",")
            let words = ["exposed", finding.vantage.description, to, target, "\(finding.port)", finding.kind.rawValue] + roles.compactMap { schema.role($0)?.label }
            return ArrowRow(
                subject: .exposure(finding, role: roles.first), number: "-", from: finding.vantage.description, to: to, target: target,
                tls: "-", state: .exposed, latency: nil, reason: "\(finding.kind.rawValue): \(finding.why)", vantage: finding.vantage.description,
                changed: state.live.auditedAt, searchText: words.joined(separator: " ").lowercased())
        }
    }

    var isExposure: Bool {
        if case .exposure = subject { return true }
        return false
    }

    /// How two rows compare in a column (numbers numerically, states by severity, times in order).
    static func compare(_ a: ArrowRow, _ b: ArrowRow, by column: ArrowsTable.Column) -> ComparisonResult {
        func ordered<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult { x < y ? .orderedAscending : (y < x ? .orderedDescending : .orderedSame) }
        switch column {
        case .number:
            // Exposed ports (no number) after the arrows.
            if a.isExposure != b.isExposure { return a.isExposure ? .orderedDescending : .orderedAscending }
            return a.number.compare(b.number, options: .numeric)
        case .route: return "\(a.from) \(a.to)".compare("\(b.from) \(b.to)", options: .numeric)
        case .target: return a.target.compare(b.target, options: .numeric)
        case .tls: return ordered(a.tls, b.tls)
        case .state: return ordered(a.state.rank, b.state.rank)
        case .latency:
            // Rows without an answer after those with one.
            if (a.latency == nil) != (b.latency == nil) { return a.latency == nil ? .orderedDescending : .orderedAscending }
            return ordered(a.latency ?? .zero, b.latency ?? .zero)
        case .reason: return ordered(a.reason, b.reason)
        case .vantage: return ordered(a.vantage, b.vantage)
        case .changed: return ordered(a.changed ?? .distantPast, b.changed ?? .distantPast)
        }
    }
}

extension ExposureFinding {
    /// The host, and the address it resolved to where it was a name.
    var shownHost: String {
        guard let address, host != .address(address) else { return host.description }
        return "\(host) (\(address))"
    }
}
