import PortolanCore
import PortolanLayout

/// Markdown output: the title, the unicode figure in a code block, and the traffic table of its arrows.
public enum MarkdownExport {
    public static func render(_ diagram: Diagram, legend: Bool = false, limit: Int? = nil) -> String {
        let schema = diagram.schema
        var out = "# \(schema.title)\n\n"
        if !schema.summary.isEmpty { out += schema.summary + "\n\n" }
        if !schema.source.isEmpty { out += "Source: \(schema.source)\n\n" }
        let width = TextExport.width(of: diagram, limit: limit)
        var lines = DiagramCanvas.draw(diagram, charset: .unicode).lines()
        if legend {
            lines.append("")
            lines += LegendView.glyphLines(charset: .unicode, width: width)
        }
        out += "```text\n" + lines.joined(separator: "\n") + "\n```\n\n"
        out += "| # | From | To | Port | Protocol | TLS | Process | Purpose | Notes |\n"
        out += "|---|---|---|---|---|---|---|---|---|\n"
        for c in diagram.connections {
            let from = schema.role(c.initiator)?.label ?? c.initiator.rawValue
            let to = schema.role(c.responder)?.label ?? c.responder.rawValue
            let port = c.port.map { ([$0] + c.alternatives).map(\.description).joined(separator: " or ") } ?? "—"
            let transport = c.link == .com ? "COM invoke" : (c.link == .https ? "HTTPS" : c.transport?.rawValue.uppercased() ?? "—")
            let cells = [
                c.label.rawValue, from, to, port, transport, c.tls.rawValue, c.process?.rawValue ?? "—", c.purpose,
                c.notes.joined(separator: " "),
            ]
            out += "| " + cells.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    private static func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}

/// The JSON form of a diagram: the schema (as `show --json` prints it) plus the geometry.
public struct DiagramJSON: Encodable, Sendable {
    struct Rect: Encodable, Sendable {
        var x, y, width, height: Int
        init(_ r: CellRect) { (x, y, width, height) = (r.x, r.y, r.width, r.height) }
    }
    struct ZoneJSON: Encodable, Sendable {
        var zone: String
        var title: String
        var framed: Bool
        var rect: Rect
    }
    struct ProcessJSON: Encodable, Sendable {
        var name: String
        var rect: Rect
        var ports: [String]
    }
    struct BoxJSON: Encodable, Sendable {
        var role, kind, zone: String
        var rect: Rect
        var processes: [ProcessJSON]
    }
    struct RouteJSON: Encodable, Sendable {
        var from, to, link: String
        var labels: [String]
        /// `[x, y]` cells from the initiator's side to the arrowhead.
        var cells: [[Int]]
        var start, end: String
    }
    struct LabelJSON: Encodable, Sendable {
        var route: Int
        var lines: [String]
        var rect: Rect
    }
    struct LocalJSON: Encodable, Sendable {
        var role: String
        var labels: [String]
        var rect: Rect
    }
    struct Geometry: Encodable, Sendable {
        var unit = "cell"
        var width, height: Int
        var labelStyle: String
        var detail: String
        var zones: [ZoneJSON]
        var boxes: [BoxJSON]
        var routes: [RouteJSON]
        var labels: [LabelJSON]
        var locals: [LocalJSON]
    }

    var schema: SchemaJSON
    var geometry: Geometry

    public init(_ d: Diagram) {
        schema = SchemaJSON(d.schema)
        geometry = Geometry(
            width: d.width, height: d.height, labelStyle: d.labelStyle.rawValue, detail: d.detail.rawValue,
            zones: d.zones.map { ZoneJSON(zone: $0.zone.rawValue, title: $0.title, framed: $0.framed, rect: Rect($0.rect)) },
            boxes: d.boxes.map { box in
                BoxJSON(
                    role: box.role.rawValue, kind: box.kind.rawValue, zone: box.zone.rawValue, rect: Rect(box.rect),
                    processes: box.processes.map {
                        ProcessJSON(name: $0.name.rawValue, rect: Rect($0.rect), ports: $0.ports.map(\.text))
                    })
            },
            routes: d.routes.map { route in
                RouteJSON(
                    from: route.initiator.rawValue, to: route.responder.rawValue, link: route.link.rawValue,
                    labels: route.arrows.map(\.label.rawValue), cells: route.cells.map { [$0.x, $0.y] },
                    start: "\(route.startSide)", end: "\(route.endSide)")
            },
            labels: d.labels.map { LabelJSON(route: $0.route, lines: $0.lines.map(\.description), rect: Rect($0.rect)) },
            locals: d.locals.map {
                LocalJSON(role: $0.role.rawValue, labels: $0.arrows.map(\.label.rawValue), rect: Rect($0.line))
            })
    }
}
