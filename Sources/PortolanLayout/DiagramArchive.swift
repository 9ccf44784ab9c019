import PortolanCore

/// A diagram's geometry as text, so that a layout can be kept and read back without laying it out again
/// (the CLI's layout cache). The schema is not written: it is the key the text is kept under.
///
/// One record per line, fields separated by tabs (tabs, newlines and backslashes in text escaped):
/// a header, then zones `Z`, boxes `B` with their lines `L`, processes `P` and ports `p`, routes `R`,
/// labels `T` with their lines `t`, COM invokes `C`.
public enum DiagramArchive {
    /// Bumped whenever the layout or this format changes, so that older kept layouts are never used.
    public static let version = "portolan-diagram-3"

    /// The geometry of `d` as text.
    public static func text(_ d: Diagram) -> String {
        var lines = [[version, "\(d.width)", "\(d.height)", d.labelStyle.rawValue, d.mergedLines ? "1" : "0", d.detail.rawValue]]
        func rect(_ r: CellRect) -> [String] { ["\(r.x)", "\(r.y)", "\(r.width)", "\(r.height)"] }
        func point(_ p: CellPoint) -> [String] { ["\(p.x)", "\(p.y)"] }
        for zone in d.zones {
            lines.append(["Z", zone.zone.rawValue, zone.framed ? "1" : "0"] + rect(zone.rect) + point(zone.titleAt) + [zone.title])
        }
        for box in d.boxes {
            lines.append(["B", box.role.rawValue, box.kind.rawValue, box.zone.rawValue] + rect(box.rect) + point(box.kindTag.at) + [box.kindTag.text])
            for line in box.lines { lines.append(["L"] + point(line.at) + [line.text]) }
            for process in box.processes {
                lines.append(["P", process.name.rawValue] + rect(process.rect) + point(process.title.at) + [process.title.text])
                for port in process.ports { lines.append(["p"] + point(port.at) + [port.text]) }
            }
        }
        for route in d.routes {
            let cells = route.cells.map { "\($0.x),\($0.y)" }.joined(separator: ";")
            lines.append([
                "R", route.initiator.rawValue, route.responder.rawValue, route.link.rawValue, "\(route.startSide.rawValue)",
                "\(route.endSide.rawValue)", route.arrows.map(\.label.rawValue).joined(separator: "\u{1F}"), cells,
            ])
        }
        for label in d.labels {
            lines.append(["T", "\(label.route)"] + rect(label.rect))
            for line in label.lines { lines.append(["t", line.marker, line.text]) }
        }
        for local in d.locals {
            lines.append(
                ["C", local.role.rawValue] + rect(local.line) + point(local.text.at)
                    + [local.text.text, local.arrows.map(\.label.rawValue).joined(separator: "\u{1F}")])
        }
        return lines.map { $0.map(escape).joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// The diagram of `schema` (as `DiagramLayout.canonical` makes it) kept as `text`; `nil` if the text is
    /// not a whole archive of this version.
    public static func diagram(_ text: String, schema: Schema) -> Diagram? {
        var reader = Reader(records: text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(unescape) })
        guard let head = reader.next(), head.count == 6, head[0] == version, let width = Int(head[1]), let height = Int(head[2]),
            let style = LabelStyle(rawValue: head[3]), let detail = DetailLevel(rawValue: head[5])
        else { return nil }
        var d = Diagram(
            schema: schema, width: width, height: height, zones: [], boxes: [], routes: [], labels: [], locals: [],
            connections: schema.connections, labelStyle: style, mergedLines: head[4] == "1", detail: detail)
        while let record = reader.next() {
            guard let tag = record.first else { return nil }
            switch (tag, record.count) {
            case ("Z", 10):
                guard let zone = Zone(rawValue: record[1]), let r = rect(record, 3), let at = point(record, 7) else { return nil }
                d.zones.append(ZoneRegion(zone: zone, rect: r, framed: record[2] == "1", title: record[9], titleAt: at))
            case ("B", 11):
                guard let kind = RoleKind(rawValue: record[2]), let zone = Zone(rawValue: record[3]), let r = rect(record, 4),
                    let at = point(record, 8)
                else { return nil }
                d.boxes.append(
                    RoleBox(
                        role: RoleID(rawValue: record[1]), kind: kind, zone: zone, rect: r, kindTag: TextLine(record[10], at: at),
                        lines: [], processes: []))
            case ("L", 4):
                guard let at = point(record, 1), !d.boxes.isEmpty else { return nil }
                d.boxes[d.boxes.count - 1].lines.append(TextLine(record[3], at: at))
            case ("P", 9):
                guard let r = rect(record, 2), let at = point(record, 6), !d.boxes.isEmpty else { return nil }
                d.boxes[d.boxes.count - 1].processes.append(
                    ProcessBox(name: ProcessName(rawValue: record[1]), rect: r, title: TextLine(record[8], at: at), ports: []))
            case ("p", 4):
                guard let at = point(record, 1), let box = d.boxes.indices.last, !d.boxes[box].processes.isEmpty else { return nil }
                d.boxes[box].processes[d.boxes[box].processes.count - 1].ports.append(TextLine(record[3], at: at))
            case ("R", 8):
                guard let link = LinkKind(rawValue: record[3]), let start = Int(record[4]).flatMap(Direction.init),
                        let end = Int(record[5]).flatMap(Direction.init), let cells = cells(record[7])
                else { return nil }
                let from = RoleID(rawValue: record[1]), to = RoleID(rawValue: record[2])
                d.routes.append(
                    Route(
                        initiator: from, responder: to, link: link,
                        arrows: labels(record[6]).map { ArrowRef(schema: schema.id, label: $0, from: from, to: to) }, cells: cells,
                        startSide: start, endSide: end))
            case ("T", 6):
                guard let route = Int(record[1]), let r = rect(record, 2) else { return nil }
                d.labels.append(PlacedLabel(route: route, lines: [], rect: r))
            case ("t", 3):
                guard !d.labels.isEmpty else { return nil }
                d.labels[d.labels.count - 1].lines.append(LabelLine(marker: record[1], text: record[2]))
            case ("C", 10):
                guard let r = rect(record, 2), let at = point(record, 6) else { return nil }
                let role = RoleID(rawValue: record[1])
                let arrows = labels(record[9]).map { ArrowRef(schema: schema.id, label: $0, from: role, to: role) }
                d.locals.append(LocalLink(role: role, arrows: arrows, line: r, text: TextLine(record[8], at: at)))
            default:
                return nil
            }
        }
        return d
    }

    private struct Reader {
        var records: [[String]]
        var index = 0

        mutating func next() -> [String]? {
            guard index < records.count else { return nil }
            defer { index += 1 }
            return records[index]
        }
    }

    private static func rect(_ record: [String], _ at: Int) -> CellRect? {
        guard let x = Int(record[at]), let y = Int(record[at + 1]), let w = Int(record[at + 2]), let h = Int(record[at + 3]) else { return nil }
        return CellRect(x: x, y: y, width: w, height: h)
    }

    private static func point(_ record: [String], _ at: Int) -> CellPoint? {
        guard let x = Int(record[at]), let y = Int(record[at + 1]) else { return nil }
        return CellPoint(x: x, y: y)
    }

    private static func cells(_ text: String) -> [CellPoint]? {
        var out: [CellPoint] = []
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let x = Int(parts[0]), let y = Int(parts[1]) else { return nil }
            out.append(CellPoint(x: x, y: y))
        }
        return out
    }

    private static func labels(_ text: String) -> [ArrowLabel] {
        text.split(separator: "\u{1F}").map { ArrowLabel(rawValue: String($0)) }
    }

    private static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" }) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    private static func unescape<S: StringProtocol>(_ text: S) -> String {
        guard text.contains(where: { $0 == "\\" }) else { return String(text) }
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                out.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
