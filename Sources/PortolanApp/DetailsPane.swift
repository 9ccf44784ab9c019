import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// The details of the selected arrow (the documents' traffic table plus live state) or role.
enum DetailsPane {
    static func draw(_ painter: inout Painter, _ state: AppState, _ rect: CellRect, now: Date) {
        painter.frame(rect, title: "Details")
        let inner = CellRect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 3, height: rect.height - 2)
        guard inner.width > 4, inner.height > 0 else { return }
        let lines = lines(state, width: inner.width, now: now)
        for (row, line) in lines.prefix(inner.height).enumerated() {
            painter.text(line.text, x: inner.x, y: inner.y + row, width: inner.width, style: line.style)
        }
    }

    struct Line {
        var text: String
        var style: StyleRole = .text
    }

    static func lines(_ state: AppState, width: Int, now: Date) -> [Line] {
        guard let schema = state.current else {
            return [Line(text: "\(state.schemas.count) schemas. Open one to see its arrows.", style: .muted)]
        }
        if state.table.shown, case let .exposure(finding, _)? = state.tableRow?.subject { return exposure(finding, state, width: width) }
        if let connection = state.selectedConnection { return arrow(connection, schema, state, width: width) }
        if let roleID = state.selectedRole, let role = schema.role(roleID) { return self.role(role, schema, state, width: width) }
        var out = [Line(text: schema.title, style: .title), Line(text: "\(schema.pack) · \(schema.kind.rawValue) · \(schema.connections.count) arrows", style: .muted)]
        out += wrap(schema.summary, width)
        for note in schema.notes { out += wrap("note: " + note, width, style: .muted) }
        out.append(Line(text: "Tab or a click selects an arrow.", style: .muted))
        return out
    }

    private static func arrow(_ c: Connection, _ schema: Schema, _ state: AppState, width: Int) -> [Line] {
        let from = schema.role(c.initiator)?.label ?? c.initiator.rawValue
        let to = schema.role(c.responder)?.label ?? c.responder.rawValue
        let arrowGlyph = state.charset == .unicode ? "→" : "->"
        var out = [
            Line(text: "Arrow \(c.label): \(from) \(arrowGlyph) \(to)", style: .title),
            Line(text: "Device    \(schema.device(answering: c))"),
            Line(text: "Port      " + port(c)),
            Line(text: "Process   \(c.process?.rawValue ?? "(not named)")"),
            Line(text: "Protocol  \(c.link == .com ? "COM invoke" : (c.transport?.rawValue.uppercased() ?? "-"))\(c.link == .dbms ? " (DBMS transport)" : "")\(c.link == .https ? " (HTTPS)" : "")"),
            Line(text: "TLS       \(tlsWord(c.tls))"),
        ]
        if !c.via.isEmpty { out.append(Line(text: "Via       " + c.via.map(\.rawValue).joined(separator: ", "))) }
        out.append(Line(text: "Purpose"))
        out += wrap(c.purpose, width - 2).map { Line(text: "  " + $0.text, style: $0.style) }
        out += liveLines(c, schema, state, width: width)
        for note in c.notes { out += wrap("note: " + note, width, style: .muted) }
        return out
    }

    private static func liveLines(_ c: Connection, _ schema: Schema, _ state: AppState, width: Int) -> [Line] {
        guard state.probing else { return [] }
        guard let health = state.live.health(of: c, in: schema.id) else {
            return [Line(text: "Live      not probed: the documents name no port", style: .muted)]
        }
        let mark = health.mark(unicode: state.charset == .unicode)
        var out = [Line(text: "Live      \(mark) \(health.rawValue)", style: .health(health))]
        out += sharedLine(c, schema, state)
        guard let live = state.live.arrows[ArrowRef(c, in: schema.id)] else { return out }
        let places = Set(live.results.map(\.vantage))
        for place in places.sorted(by: { $0.description < $1.description }) {
            let from: String = switch place {
            case .here: "From      here, not from the initiator"
            case let .named(name): "From      vantage \(name)"
            }
            if case let .named(name) = place, let status = state.live.vantages.first(where: { $0.name == name }), status.state == .down {
                out.append(Line(text: from + " (down)", style: .health(.error)))
                out += wrap(status.message ?? "", width - 2, style: .muted).map { Line(text: "  " + $0.text, style: $0.style) }
            } else {
                out.append(Line(text: from, style: place == .here ? .muted : .text))
            }
        }
        for result in live.results.prefix(4) {
            let latency = result.outcome.latency.map { String(format: " %.1f ms", $0.milliseconds) } ?? ""
            let hostHealth = LinkHealth(result)
            let evidence = (hostHealth.rawValue == result.outcome.state.rawValue ? "" : "\(result.outcome.state.rawValue), ") + result.outcome.reason.rawValue
            out.append(Line(text: "  \(result.target.host):\(result.target.port)/\(result.target.transport.rawValue) \(hostHealth.rawValue) (\(evidence))\(latency)", style: .health(hostHealth)))
            if result.outcome.state == .unknown, state.live.vantages.isEmpty, let message = result.outcome.message {
                out += wrap(message, width - 2, style: .muted).map { Line(text: "  " + $0.text, style: $0.style) }
            }
            if let tls = result.outcome.tls {
                var text = "  TLS \(tls.verdict.rawValue)"
                if let version = tls.version { text += " \(version)" }
                out.append(Line(text: text, style: tls.verdict.isExpected ? .text : .health(.tlsProblem)))
                if let certificate = tls.certificate {
                    out += wrap("  cert \(certificate.subject), issuer \(certificate.issuer), until \(UTCTime.day(certificate.notAfter))", width, style: .muted)
                }
            }
            for warning in result.warnings { out += wrap("  ! " + warning, width, style: .health(.tlsProblem)) }
        }
        if live.results.count > 4 { out.append(Line(text: "  … and \(live.results.count - 4) more hosts", style: .muted)) }
        out.append(Line(text: "Latency   " + Sparkline.render(live.latencies, charset: state.charset)))
        out.append(Line(text: "Changed   \(UTCTime.time(live.changedAt)) UTC", style: .muted))
        return out
    }

    /// The other arrows drawn on the selected arrow's line (its bundle, or routes sharing a trunk), each
    /// with its state: the line shows the worst of them, the labels each their own.
    private static func sharedLine(_ c: Connection, _ schema: Schema, _ state: AppState) -> [Line] {
        guard let diagram = state.diagram else { return [] }
        let others = diagram.arrowsSharingLine(with: ArrowRef(c, in: schema.id))
        guard !others.isEmpty else { return [] }
        var out = [Line(text: "Shares    its line with (the line shows the worst):", style: .muted)]
        for other in others {
            guard let connection = schema.connection(other), let health = state.live.health(of: connection, in: schema.id) else { continue }
            let mark = health.mark(unicode: state.charset == .unicode)
            out.append(Line(text: "  \(mark) [\(other.label)] \(port(connection)) \(health.rawValue)", style: .health(health)))
        }
        return out
    }

    private static func role(_ role: Role, _ schema: Schema, _ state: AppState, width: Int) -> [Line] {
        var out = [
            Line(text: role.label, style: .title),
            Line(text: "\(role.kind.displayName) · \(role.zone.displayName)", style: .muted),
        ]
        for process in role.processes {
            let ports = schema.ports(of: process, on: role.id).map { "\($0.port)/\($0.transport.rawValue)" }
            out.append(Line(text: "[\(process)] " + (ports.isEmpty ? "" : ports.joined(separator: ", ")), style: .process))
        }
        let arrowGlyph = state.charset == .unicode ? "→" : "->"
        for c in schema.connections where c.initiator == role.id || c.responder == role.id {
            let direction = c.initiator == role.id ? "\(arrowGlyph) \(c.responder)" : "\(c.initiator) \(arrowGlyph)"
            out.append(Line(text: "\(c.label)  \(direction)  \(port(c))"))
        }
        for note in role.notes { out += wrap("note: " + note, width, style: .muted) }
        return out
    }

    static func port(_ c: Connection) -> String {
        guard let port = c.port else { return c.link == .com ? "local (no port)" : "(not named by the document)" }
        let alternatives = c.alternatives.map { " or \($0)" }.joined()
        return "\(port)\(alternatives)/\(c.transport?.rawValue ?? "-")"
    }

    static func tlsWord(_ tls: TLSExpectation) -> String {
        switch tls {
        case .yes: "Yes"
        case .no: "No"
        case .unknown: "not said"
        case .notApplicable: TLSExpectation.notApplicable.word + " (not TCP)"
        }
    }

    static func wrap(_ text: String, _ width: Int, style: StyleRole = .text) -> [Line] {
        Wrap.paragraph(text, width: width, indent: "").split(separator: "\n").map { Line(text: String($0), style: style) }
    }
}

/// A latency history as a one-line chart.
public enum Sparkline {
    public static func render(_ values: [Double], charset: Charset) -> String {
        guard let low = values.min(), let high = values.max() else { return "-" }
        let bars: [Character] = charset == .unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "~", "=", "+", "*", "#"]
        let span = max(high - low, 0.000_001)
        let chart = String(values.map { bars[min(bars.count - 1, Int((($0 - low) / span) * Double(bars.count - 1) + 0.5))] })
        return chart + String(format: "  %.1f-%.1f ms", low, high)
    }
}

extension UTCTime {
    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
