import PortolanCore
import PortolanLayout

/// Graphviz DOT output from the model: zones as clusters (the DMZ rounded), one edge per connection.
public enum DOTExport {
    public static func render(_ diagram: Diagram) -> String {
        let schema = diagram.schema
        let numbered = schema.kind == .deployment
        var out = "digraph \(quote(schema.id.rawValue)) {\n"
        out += "  graph [label=\(quote(schema.title)), labelloc=t, newrank=true, rankdir=LR, fontname=\"Helvetica\", nodesep=0.4, ranksep=0.9];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for zone in Set(schema.roles.map(\.zone)).sorted() {
            out += "  subgraph \(quote("cluster_" + zone.rawValue)) {\n"
            out += "    label=\(quote(zone.displayName));\n"
            out += zone == .dmz
                ? "    style=\"rounded\"; color=\"\(Paper.dmz)\";\n" : "    style=\"filled\"; color=\"#f2f2f2\";\n"
            for role in schema.roles where role.zone == zone {
                var lines = [role.label, "(\(role.kind.displayName))"]
                for process in role.processes {
                    let ports = schema.ports(of: process, on: role.id).map { "\($0.port)/\($0.transport.rawValue)" }
                    lines.append(ports.isEmpty ? process.rawValue : "\(process): \(ports.joined(separator: " "))")
                }
                out += "    \(quote(role.id.rawValue)) [label=\(quote(lines.joined(separator: "\n"))), fillcolor=\"\(Paper.fill(role.kind))\", color=\"\(Paper.stroke(role.kind))\"];\n"
            }
            out += "  }\n"
        }
        for c in diagram.connections {
            let label = c.isLocal ? (numbered ? "\(LabelText.marker(c.label)) COM invoke" : "COM invoke") : LabelText.line(c, numbered: numbered).description
            var attributes = ["label=\(quote(label))", "color=\"\(Paper.link(c.link))\"", "fontcolor=\"#333333\""]
            switch c.link {
            case .udp: attributes.append("style=dashed")
            case .dbms: attributes.append("penwidth=2.5")
            case .com: attributes += ["dir=none", "penwidth=2"]
            case .https: attributes.append("style=bold")
            case .tcp: break
            }
            out += "  \(quote(c.initiator.rawValue)) -> \(quote(c.responder.rawValue)) [\(attributes.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    /// A DOT double-quoted string.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}

/// Mermaid flowchart output from the model: zones as subgraphs, one edge per connection.
public enum MermaidExport {
    public static func render(_ diagram: Diagram) -> String {
        let schema = diagram.schema
        let numbered = schema.kind == .deployment
        var out = "---\ntitle: \(text(schema.title))\n---\nflowchart LR\n"
        for zone in Set(schema.roles.map(\.zone)).sorted() {
            out += "  subgraph \(identifier("zone " + zone.rawValue))[\"\(text(zone.displayName))\"]\n"
            for role in schema.roles where role.zone == zone {
                var lines = ["<b>\(text(role.label))</b>", text(role.kind.displayName)]
                for process in role.processes {
                    let ports = schema.ports(of: process, on: role.id).map { "\($0.port)/\($0.transport.rawValue)" }
                    lines.append(text(ports.isEmpty ? process.rawValue : "\(process): \(ports.joined(separator: " "))"))
                }
                out += "    \(identifier(role.id.rawValue))[\"\(lines.joined(separator: "<br/>"))\"]\n"
            }
            out += "  end\n"
        }
        var styles: [String] = []
        for (index, c) in diagram.connections.enumerated() {
            let label = c.isLocal ? (numbered ? "\(LabelText.marker(c.label)) COM invoke" : "COM invoke") : LabelText.line(c, numbered: numbered).description
            let arrow: String
            switch c.link {
            case .udp: arrow = "-.->"
            case .dbms: arrow = "==>"
            case .com: arrow = "---"
            case .tcp, .https: arrow = "-->"
            }
            out += "  \(identifier(c.initiator.rawValue)) \(arrow)|\"\(text(label))\"| \(identifier(c.responder.rawValue))\n"
            styles.append("  linkStyle \(index) stroke:\(Paper.link(c.link))")
        }
        if schema.roles.contains(where: { $0.zone == .dmz }) {
            out += "  style \(identifier("zone dmz")) stroke:\(Paper.dmz),stroke-width:2px,rx:12,ry:12\n"
        }
        for role in schema.roles {
            out += "  style \(identifier(role.id.rawValue)) fill:\(Paper.fill(role.kind)),stroke:\(Paper.stroke(role.kind))\n"
        }
        return out + styles.joined(separator: "\n") + (styles.isEmpty ? "" : "\n")
    }

    /// A Mermaid node id: letters, digits and underscores only.
    static func identifier(_ text: String) -> String {
        String(text.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "_" })
    }

    /// Text inside a quoted Mermaid label, with quotes and markup characters escaped.
    static func text(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            default: out.append(character)
            }
        }
        return out
    }
}
