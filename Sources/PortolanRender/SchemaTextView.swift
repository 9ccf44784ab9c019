import PortolanCore

/// The plain-text description `portolan show ID` prints: the schema's roles and numbered arrows.
public struct SchemaTextView: Sendable {
    public var schema: Schema

    public init(schema: Schema) { self.schema = schema }

    /// The description; prose and the roles table wrap to fit `width` columns (`nil`: 100).
    public func render(width: Int? = nil) -> String {
        let prose = min(100, width ?? 100)
        var out = Wrap.paragraph(schema.title, width: width ?? .max, indent: "") + "\n"
        out += "id: \(schema.id)   pack: \(schema.pack)   kind: \(schema.kind.rawValue)   arrows: \(schema.connections.count)\n"
        if !schema.source.isEmpty { out += Wrap.paragraph("source: \(schema.source)", width: width ?? .max, indent: "") + "\n" }
        if !schema.summary.isEmpty { out += "\n" + Wrap.paragraph(schema.summary, width: prose, indent: "") + "\n" }
        for note in schema.notes { out += Wrap.paragraph("note: " + note, width: prose, indent: "  ") + "\n" }
        out += "\nRoles\n"
        out += TextTable(
            header: ["ID", "KIND", "ZONE", "LABEL", "PROCESSES (PORTS)"],
            rows: schema.roles.map { role in
                [role.id.rawValue, role.kind.rawValue, role.zone.rawValue, role.label, processes(of: role)]
            },
            wrapping: [0, 1, 2, 3, 4]
        ).render(width: width)
        out += "\nArrows (from the side that opens the connection to the side that answers)\n"
        for connection in schema.connections {
            let headline = ArrowText.headline(connection)
            let fits = width.map { DisplayWidth.of(headline) <= $0 } ?? true
            out += "\n" + (fits ? headline : Wrap.paragraph(headline, width: prose, indent: "")) + "\n"
            out += Wrap.paragraph(connection.purpose, width: prose, indent: "      ") + "\n"
            for note in connection.notes {
                out += Wrap.paragraph("note: " + note, width: prose, indent: "      ") + "\n"
            }
        }
        return out
    }

    private func processes(of role: Role) -> String {
        role.processes.map { process in
            let ports = schema.ports(of: process, on: role.id).map { "\($0.port)/\($0.transport.rawValue)" }
            return ports.isEmpty ? process.rawValue : "\(process) (\(ports.joined(separator: ", ")))"
        }.joined(separator: "; ")
    }
}

/// One-line descriptions of arrows, shared by every text output.
public enum ArrowText {
    /// `4    client-direct → admin-server   13000/tcp  TLS yes  klserver`
    public static func headline(_ c: Connection) -> String {
        let label = c.label.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)
        var parts = ["\(label) \(c.initiator) → \(c.responder)", endpoint(c)]
        parts.append("TLS \(c.tls.rawValue)")
        parts.append(c.process.map { "process \($0)" } ?? "process not named")
        if !c.via.isEmpty { parts.append("via " + c.via.map(\.rawValue).joined(separator: ", ")) }
        return parts.joined(separator: "   ")
    }

    /// `13000/tcp (legacy 14000, TLS no)`, `1433/tcp (or 3306)`, `COM invoke`, `https 443 (inferred; no port named)`.
    public static func endpoint(_ c: Connection) -> String {
        if c.link == .com { return "COM invoke (local)" }
        let transport = c.link == .https ? "https" : c.transport?.rawValue ?? "-"
        guard let port = c.port else {
            return c.inferredPort.map { "\(transport) \($0) (inferred; no port named)" } ?? "\(transport) (no port named)"
        }
        let alternatives = c.alternatives.isEmpty ? "" : " (or \(c.alternatives.map(\.description).joined(separator: ", ")))"
        let legacy = c.legacyPorts.map { " (legacy \($0.port), TLS \($0.tls.rawValue))" }.joined()
        return "\(port)/\(c.transport?.rawValue ?? "-")\(alternatives)\(legacy)"
    }
}

/// Word wrapping for prose in text outputs.
public enum Wrap {
    /// Wraps `text` at `width` columns; every line starts with `indent`.
    public static func paragraph(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(whereSeparator: \.isWhitespace) {
            if line.count > indent.count, DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
