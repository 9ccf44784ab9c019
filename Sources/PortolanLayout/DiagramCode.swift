import PortolanModel

/// A `Diagram` as short lines of text, and back: how the figures of the built-in schemas laid out at build
/// time (`FigureEmbedder`) are compiled into the binary, one string per schema, decoded when asked for.
///
/// The schema is not in the text: `decode` takes it (the canonical schema, as `DiagramLayout.make` stores),
/// and so are the arrows' schema id and the numbered list. One record a line, fields split by tabs:
///
/// ```
/// D width height labelStyle mergedLines detail
/// Z zone x y w h framed title titleX titleY          a zone region
/// B role kind zone x y w h tag tagX tagY             a role box, then its lines and processes:
/// L text x y                                         a line of the box's name
/// P name x y w h title titleX titleY                 a process of the box
/// p text x y                                         a port line of that process
/// R initiator responder link start end x y moves     a route: its first cell, then runs like `r5d3`
/// T route x y w h                                    a route's label, then its lines:
/// t marker text
/// C role x y w h text textX textY                    a COM invoke line
/// A label from to                                    an arrow of the last route or COM invoke line
/// ```
public enum DiagramCode {
    /// The diagram as text; `nil` if a text of it holds a tab or a line break (the fields' separators).
    public static func encode(_ diagram: Diagram) -> String? {
        var out: [[String]] = []
        out.append(["D", "\(diagram.width)", "\(diagram.height)", diagram.labelStyle.rawValue, diagram.mergedLines ? "1" : "0", diagram.detail.rawValue])
        for zone in diagram.zones {
            out.append(["Z", zone.zone.rawValue] + rect(zone.rect) + [zone.framed ? "1" : "0", zone.title, "\(zone.titleAt.x)", "\(zone.titleAt.y)"])
        }
        for box in diagram.boxes {
            out.append(["B", box.role.rawValue, box.kind.rawValue, box.zone.rawValue] + rect(box.rect) + line(box.kindTag))
            for text in box.lines { out.append(["L"] + line(text)) }
            for process in box.processes {
                out.append(["P", process.name.rawValue] + rect(process.rect) + line(process.title))
                for port in process.ports { out.append(["p"] + line(port)) }
            }
        }
        for route in diagram.routes {
            guard let first = route.cells.first else { return nil }
            out.append(
                ["R", route.initiator.rawValue, route.responder.rawValue, route.link.rawValue, "\(route.startSide.rawValue)",
                 "\(route.endSide.rawValue)", "\(first.x)", "\(first.y)", moves(route.cells)])
            for arrow in route.arrows { out.append(["A", arrow.label.rawValue, arrow.from.rawValue, arrow.to.rawValue]) }
        }
        for label in diagram.labels {
            out.append(["T", "\(label.route)"] + rect(label.rect))
            for text in label.lines { out.append(["t", text.marker, text.text]) }
        }
        for local in diagram.locals {
            out.append(["C", local.role.rawValue] + rect(local.line) + line(local.text))
            for arrow in local.arrows { out.append(["A", arrow.label.rawValue, arrow.from.rawValue, arrow.to.rawValue]) }
        }
        if out.joined().contains(where: { $0.contains("\t") || $0.contains("\n") }) { return nil }
        return out.map { $0.joined(separator: "\t") }.joined(separator: "\n")
    }

    /// The diagram `encode` wrote, of `schema` (canonical, as `DiagramLayout.make` lays out); `nil` if the text is
    /// not one `encode` writes.
    public static func decode(_ text: String, schema: Schema) -> Diagram? {
        var reader = Reader()
        // Split on the bytes of the separators: no field holds them (`encode`), and no splitting into characters.
        for record in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = record.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { Substring($0) }
            guard reader.read(fields, schema: schema) else { return nil }
        }
        guard var diagram = reader.diagram else { return nil }
        diagram.connections = schema.connections
        return diagram
    }

    private static func rect(_ rect: CellRect) -> [String] { ["\(rect.x)", "\(rect.y)", "\(rect.width)", "\(rect.height)"] }

    private static func line(_ line: TextLine) -> [String] { [line.text, "\(line.at.x)", "\(line.at.y)"] }

    /// The steps from each cell to the next as runs (`r5d3`); a step that is not to a neighbour is `x`, which
    /// `decode` refuses.
    private static func moves(_ cells: [CellPoint]) -> String {
        var out = ""
        var last: Character?
        var count = 0
        for (a, b) in zip(cells, cells.dropFirst()) {
            let step: Character =
                switch (b.x - a.x, b.y - a.y) {
                case (1, 0): "r"
                case (-1, 0): "l"
                case (0, 1): "d"
                case (0, -1): "u"
                default: "x"
                }
            if step == last {
                count += 1
            } else {
                if let last { out += "\(last)\(count)" }
                last = step
                count = 1
            }
        }
        if let last { out += "\(last)\(count)" }
        return out
    }

    /// Builds a diagram record by record.
    private struct Reader {
        var diagram: Diagram?
        /// Where the next `A` record goes: true for the last COM invoke line, false for the last route.
        var arrowsOfLocal = false

        mutating func read(_ f: [Substring], schema: Schema) -> Bool {
            guard let tag = f.first else { return false }
            if tag == "D" {
                guard f.count == 6, diagram == nil, let width = Int(f[1]), let height = Int(f[2]),
                    let style = LabelStyle(rawValue: String(f[3])), let detail = DetailLevel(rawValue: String(f[5]))
                else { return false }
                diagram = Diagram(
                    schema: schema, width: width, height: height, zones: [], boxes: [], routes: [], labels: [], locals: [],
                    connections: [], labelStyle: style, mergedLines: f[4] == "1", detail: detail)
                return true
            }
            guard var d = diagram else { return false }
            defer { diagram = d }
            switch tag {
            case "Z":
                guard f.count == 10, let zone = Zone(rawValue: String(f[1])), let rect = Self.rect(f, 2), let at = Self.point(f, 8) else { return false }
                d.zones.append(ZoneRegion(zone: zone, rect: rect, framed: f[6] == "1", title: String(f[7]), titleAt: at))
            case "B":
                guard f.count == 11, let kind = RoleKind(rawValue: String(f[2])), let zone = Zone(rawValue: String(f[3])),
                    let rect = Self.rect(f, 4), let tag = Self.line(f, 8)
                else { return false }
                d.boxes.append(RoleBox(role: RoleID(String(f[1])), kind: kind, zone: zone, rect: rect, kindTag: tag, lines: [], processes: []))
            case "L":
                guard f.count == 4, let line = Self.line(f, 1), !d.boxes.isEmpty else { return false }
                d.boxes[d.boxes.count - 1].lines.append(line)
            case "P":
                guard f.count == 9, let rect = Self.rect(f, 2), let title = Self.line(f, 6), !d.boxes.isEmpty else { return false }
                d.boxes[d.boxes.count - 1].processes.append(ProcessBox(name: ProcessName(String(f[1])), rect: rect, title: title, ports: []))
            case "p":
                guard f.count == 4, let line = Self.line(f, 1), let box = d.boxes.indices.last, !d.boxes[box].processes.isEmpty else { return false }
                d.boxes[box].processes[d.boxes[box].processes.count - 1].ports.append(line)
            case "R":
                guard f.count == 9, let link = LinkKind(rawValue: String(f[3])), let start = Int(f[4]).flatMap(Direction.init(rawValue:)),
                    let end = Int(f[5]).flatMap(Direction.init(rawValue:)), let first = Self.point(f, 6), let cells = Self.cells(from: first, f[8])
                else { return false }
                d.routes.append(
                    Route(initiator: RoleID(String(f[1])), responder: RoleID(String(f[2])), link: link, arrows: [], cells: cells, startSide: start, endSide: end))
                arrowsOfLocal = false
            case "A":
                guard f.count == 4 else { return false }
                let arrow = ArrowRef(schema: schema.id, label: ArrowLabel(String(f[1])), from: RoleID(String(f[2])), to: RoleID(String(f[3])))
                if arrowsOfLocal, !d.locals.isEmpty {
                    d.locals[d.locals.count - 1].arrows.append(arrow)
                } else if !arrowsOfLocal, !d.routes.isEmpty {
                    d.routes[d.routes.count - 1].arrows.append(arrow)
                } else {
                    return false
                }
            case "T":
                guard f.count == 6, let route = Int(f[1]), let rect = Self.rect(f, 2) else { return false }
                d.labels.append(PlacedLabel(route: route, lines: [], rect: rect))
            case "t":
                guard f.count == 3, !d.labels.isEmpty else { return false }
                d.labels[d.labels.count - 1].lines.append(LabelLine(marker: String(f[1]), text: String(f[2])))
            case "C":
                guard f.count == 9, let rect = Self.rect(f, 2), let text = Self.line(f, 6) else { return false }
                d.locals.append(LocalLink(role: RoleID(String(f[1])), arrows: [], line: rect, text: text))
                arrowsOfLocal = true
            default:
                return false
            }
            return true
        }

        static func point(_ f: [Substring], _ at: Int) -> CellPoint? {
            guard let x = Int(f[at]), let y = Int(f[at + 1]) else { return nil }
            return CellPoint(x: x, y: y)
        }

        static func rect(_ f: [Substring], _ at: Int) -> CellRect? {
            guard let x = Int(f[at]), let y = Int(f[at + 1]), let width = Int(f[at + 2]), let height = Int(f[at + 3]) else { return nil }
            return CellRect(x: x, y: y, width: width, height: height)
        }

        static func line(_ f: [Substring], _ at: Int) -> TextLine? {
            point(f, at + 1).map { TextLine(String(f[at]), at: $0) }
        }

        /// The cells from `first` along runs like `r5d3`.
        static func cells(from first: CellPoint, _ moves: Substring) -> [CellPoint]? {
            var cells = [first]
            var step: Direction?
            var count = 0
            for character in moves + "." {
                if let digit = character.wholeNumberValue {
                    count = count * 10 + digit
                    continue
                }
                if let step {
                    guard count > 0, let last = cells.last else { return nil }
                    for n in 1...count { cells.append(last.moved(step, by: n)) }
                }
                count = 0
                switch character {
                case "r": step = .right
                case "l": step = .left
                case "d": step = .down
                case "u": step = .up
                case ".": step = nil
                default: return nil
                }
            }
            return cells
        }
    }
}
