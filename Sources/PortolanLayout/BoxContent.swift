import PortolanModel

/// What a role's box holds and how big it is; `place(at:)` positions it.
struct BoxContent {
    /// The widest a role's name may be before it wraps.
    static let labelWidth = 20
    /// The widest a role's name may be in a one-line overview box before it is cut short with `…` (as wide
    /// as a wrapped name, so that an overview box is never wider than a full one).
    static let overviewWidth = labelWidth

    let role: Role
    let kindTag: String
    let labelLines: [String]
    /// `(name, port lines)` per process, sorted by name.
    let processes: [(name: ProcessName, ports: [String])]
    /// The COM invoke text, if the role has local links.
    let local: (arrows: [ArrowRef], text: String)?
    let innerWidth: Int

    /// Whether processes are drawn as one-line names (compact level) instead of rectangles with ports.
    let processNamesOnly: Bool

    init(role: Role, schema: Schema, numbered: Bool, detail: DetailLevel = .full) {
        self.role = role
        kindTag = LabelText.kindTag(role.kind)
        processNamesOnly = detail == .compact
        if detail == .overview {
            labelLines = [LabelText.truncate(role.label, width: Self.overviewWidth)]
        } else {
            labelLines = LabelText.wrap(role.label, width: Self.labelWidth)
        }
        let portWidth = Self.labelWidth - 4
        processes = detail == .overview ? [] : role.processes.sorted().map { process in
            let ports = schema.ports(of: process, on: role.id).map { "\($0.port)/\($0.transport.rawValue)" }
            return (process, ports.isEmpty || detail != .full ? [] : LabelText.wrap(ports.joined(separator: " "), width: portWidth))
        }
        let localArrows = schema.connections.filter { $0.isLocal && $0.initiator == role.id }
            .map { ArrowRef($0, in: schema.id) }.sorted { $0.label < $1.label }
        if localArrows.isEmpty || detail == .overview {
            local = nil
        } else {
            let markers = numbered ? " " + localArrows.map { LabelText.marker($0.label) }.joined() : ""
            local = (localArrows, "COM invoke" + markers)
        }
        var width = max(Width.of(kindTag) + 2, labelLines.map(Width.of).max() ?? 0)
        for process in processes {
            width = max(width, Width.of(process.name.rawValue) + (processNamesOnly ? 2 : 4), (process.ports.map(Width.of).max() ?? 0) + 4)
        }
        if let local { width = max(width, Width.of(local.text) + 3) }
        innerWidth = width
    }

    var width: Int { innerWidth + 4 }

    var height: Int {
        2 + labelLines.count + (local == nil ? 0 : 1) + processes.reduce(0) { $0 + processHeight($1.ports) }
    }

    /// A process rectangle's height: its borders and port lines, or one line for a name alone.
    private func processHeight(_ ports: [String]) -> Int {
        processNamesOnly ? 1 : 2 + ports.count
    }

    /// The box with its top-left corner at `origin`.
    func place(at origin: CellPoint) -> (RoleBox, LocalLink?) {
        let rect = CellRect(x: origin.x, y: origin.y, width: width, height: height)
        var y = origin.y + 1
        let lines = labelLines.map { text in
            defer { y += 1 }
            return TextLine(text, at: CellPoint(x: origin.x + 2, y: y))
        }
        var localLink: LocalLink?
        if let local {
            localLink = LocalLink(
                role: role.id, arrows: local.arrows, line: CellRect(x: origin.x + 2, y: y, width: 2, height: 1),
                text: TextLine(local.text, at: CellPoint(x: origin.x + 5, y: y)))
            y += 1
        }
        var boxes: [ProcessBox] = []
        for process in processes {
            let processRect = CellRect(x: origin.x + 2, y: y, width: innerWidth, height: processHeight(process.ports))
            let ports = process.ports.enumerated().map { index, text in
                TextLine(text, at: CellPoint(x: processRect.x + 2, y: y + 1 + index))
            }
            boxes.append(
                ProcessBox(
                    name: process.name, rect: processRect,
                    title: TextLine(process.name.rawValue, at: CellPoint(x: processRect.x + (processNamesOnly ? 1 : 2), y: y)),
                    ports: ports))
            y += processRect.height
        }
        let box = RoleBox(
            role: role.id, kind: role.kind, zone: role.zone, rect: rect,
            kindTag: TextLine(kindTag, at: CellPoint(x: origin.x + 3, y: origin.y)), lines: lines, processes: boxes)
        return (box, localLink)
    }
}
