import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// Draws the arrows table in the diagram's place: a header naming the sort, one row per arrow and host (and per
/// exposed port), the cursor row highlighted, search matches marked, and a footer with the search or the keys.
enum ArrowsTableView {
    /// The order columns are given up in when the pane is too narrow: last first.
    static let priority: [ArrowsTable.Column] = [.number, .state, .route, .target, .reason, .tls, .latency, .vantage, .changed]

    /// The table's keys, which the help lists in two lines of their own rather than one line each.
    static let helpedTogether: Set<Action> = [.arrowsTable, .sortColumn, .reverseSort, .problemsOnly, .nextMatch, .previousMatch]

    /// The help's lines for the table, with the keys the keymap binds.
    static func help(_ keyMap: KeyMap) -> [String] {
        func keys(_ action: Action) -> String { keyMap.keys(for: action).map(\.description).joined(separator: " ") }
        let table = keys(.arrowsTable)
        guard !table.isEmpty else { return [] }
        return [
            "  " + table.padding(toLength: 16, withPad: " ", startingAt: 0) + "arrows table, in the diagram's place (Enter: that arrow on the map)",
            "  " + "".padding(toLength: 16, withPad: " ", startingAt: 0)
                + "in it: \(keys(.sortColumn)) sort, \(keys(.reverseSort)) reverse, \(keys(.problemsOnly)) problems only, "
                + "\(keys(.filter)) search, \(keys(.nextMatch)) \(keys(.previousMatch)) next/previous match",
        ]
    }

    static func draw(_ painter: inout Painter, _ hits: inout HitMap, _ state: AppState, _ layout: ScreenLayout) {
        let table = state.table
        let rows = state.tableRows
        let unicode = state.charset == .unicode
        var title = "Arrows" + (state.current.map { " of \($0.id)" } ?? "")
        title += "  sort: \(table.sort.rawValue) \(arrow(table.descending, unicode: unicode))"
        if table.problemsOnly { title += "  problems only" }
        if let vantage = sharedVantage(rows) { title += "  vantage: \(vantage)" }
        painter.frame(layout.diagramFrame, title: Painter.clip(title, to: layout.diagramFrame.width - 8, charset: state.charset), focused: state.focus == .table)
        let inner = layout.diagram
        guard inner.width > 10, inner.height > 2 else { return }
        let matches = Set(table.matches(rows))
        let widths = columnWidths(rows, width: inner.width - 2, unicode: unicode)
        // Header.
        var x = inner.x + 2
        for (column, width) in widths {
            let name = column == table.sort ? "\(column.rawValue)\(arrow(table.descending, unicode: unicode))" : column.rawValue
            painter.text(name, x: x, y: inner.y, width: width, style: .title)
            x += width + 2
        }
        let bodyHeight = inner.height - 2
        if rows.isEmpty {
            let empty = state.current == nil ? "open a schema first" : (table.problemsOnly ? "no problems: every arrow as documented (! shows all)" : "this schema has no arrows")
            painter.text(empty, x: inner.x + 2, y: inner.y + 1, width: inner.width - 2, style: .muted)
        }
        let cursor = max(0, min(table.cursor, rows.count - 1))
        let first = max(0, min(cursor - bodyHeight / 2, rows.count - bodyHeight))
        for (offset, row) in rows.enumerated().dropFirst(first).prefix(bodyHeight) {
            let y = inner.y + 1 + offset - first
            let isCursor = offset == cursor && state.focus == .table
            if isCursor { painter.fill(x: inner.x, y: y, width: inner.width, style: .selection) }
            if matches.contains(offset) { painter.text(unicode ? "›" : ">", x: inner.x, y: y, width: 1, style: isCursor ? .selection : .title) }
            var column = inner.x + 2
            for (name, width) in widths {
                let style: StyleRole = isCursor ? .selection : (name == .state ? stateStyle(row.state) : (name == .reason ? .muted : .text))
                let text = name == .route ? route(row, width, unicode: unicode) : cell(row, name, unicode: unicode)
                // A narrow host column keeps its end: the port and protocol matter more than the address's start.
                painter.text(name == .target ? keepingEnd(text, width, unicode: unicode) : text, x: column, y: y, width: width, style: style)
                column += width + 2
            }
            hits.add(CellRect(x: inner.x, y: y, width: inner.width, height: 1), .tableRow(index: offset))
        }
        footer(&painter, state, matches.count, CellRect(x: inner.x, y: inner.y + inner.height - 1, width: inner.width, height: 1))
    }

    private static func footer(_ painter: inout Painter, _ state: AppState, _ matchCount: Int, _ rect: CellRect) {
        let table = state.table
        if table.editingSearch {
            painter.text("/\(table.search)_  (number, role, host, port, state; Enter keeps, Esc clears)", x: rect.x, y: rect.y, width: rect.width, style: .selection)
        } else if !table.search.isEmpty {
            let found = matchCount == 1 ? "1 match" : "\(matchCount) matches"
            painter.text("/\(table.search)  \(found)  n/N next/previous  Esc clears", x: rect.x, y: rect.y, width: rect.width, style: .title)
        } else {
            painter.text("Enter shows it on the map  s sort  S reverse  ! problems only  / search  a closes", x: rect.x, y: rect.y, width: rect.width, style: .muted)
        }
    }

    /// The vantage point of every probed row when there are several and all share one (rows probed from
    /// nowhere, `-`, do not count): the title names it once and the column gives its room to the others
    /// (the time of the last change, first).
    static func sharedVantage(_ rows: [ArrowRow]) -> String? {
        let named = Set(rows.map(\.vantage)).subtracting(["-"])
        guard rows.count > 1, named.count == 1 else { return nil }
        return named.first
    }

    /// The route cell within `width`: when both role names do not fit, each is cut to its share (the shorter
    /// keeps its whole name if it can), so that rows of one number to different roles stay apart
    /// ("admin-ser… → client-di…" and "admin-ser… → client-vi…", not "admin-server → client…" twice).
    static func route(_ row: ArrowRow, _ width: Int, unicode: Bool) -> String {
        let joint = unicode ? " → " : " -> "
        let whole = row.from + joint + row.to
        let room = width - DisplayWidth.of(joint)
        guard DisplayWidth.of(whole) > width, room >= 4 else { return whole }
        let from = DisplayWidth.of(row.from), to = DisplayWidth.of(row.to)
        let fromRoom = from <= room / 2 ? from : (to <= room - room / 2 ? room - to : room / 2)
        let charset: Charset = unicode ? .unicode : .ascii
        return Painter.clip(row.from, to: fromRoom, charset: charset) + joint + Painter.clip(row.to, to: room - fromRoom, charset: charset)
    }

    /// `text` cut at its start to `width` columns ("…0.2.171:13000/tcp").
    static func keepingEnd(_ text: String, _ width: Int, unicode: Bool) -> String {
        guard DisplayWidth.of(text) > width, width > 1 else { return text }
        return (unicode ? "…" : "~") + String(text.suffix(width - 1))
    }

    private static func arrow(_ descending: Bool, unicode: Bool) -> String {
        unicode ? (descending ? "▼" : "▲") : (descending ? "v" : "^")
    }

    static func stateStyle(_ state: ArrowRowState) -> StyleRole {
        switch state {
        case let .live(health): .health(health)
        case .notProbed: .muted
        case .exposed: .exposed
        }
    }

    /// The text of one cell.
    static func cell(_ row: ArrowRow, _ column: ArrowsTable.Column, unicode: Bool) -> String {
        switch column {
        case .number: row.number
        case .route: "\(row.from) \(unicode ? "→" : "->") \(row.to)"
        case .target: row.target
        case .tls: row.tls
        case .state: row.state == .notProbed ? "-" : "\(row.state.mark(unicode: unicode)) \(row.state.word)"
        case .latency: row.latency.map(ProbeTableView.latency) ?? "-"
        case .reason: row.reason
        case .vantage: row.vantage
        case .changed: row.changed.map(UTCTime.time) ?? "-"
        }
    }

    /// The columns that fit `width`, in display order, with their widths: each as wide as its widest cell
    /// (within a cap); when that is too wide, the reason, the host and the route shrink, then columns are
    /// given up, least needed first, then the route and host shrink further; room left over goes back to
    /// the route, the host and the reason.
    static func columnWidths(_ rows: [ArrowRow], width: Int, unicode: Bool) -> [(ArrowsTable.Column, Int)] {
        typealias Column = ArrowsTable.Column
        let caps: [Column: Int] = [.number: 4, .route: 40, .target: 30, .tls: 16, .state: 16, .latency: 10, .reason: 70, .vantage: 16, .changed: 8]
        var natural: [Column: Int] = [:]
        for column in Column.allCases {
            let widest = rows.map { DisplayWidth.of(cell($0, column, unicode: unicode)) }.max() ?? 0
            natural[column] = min(caps[column] ?? 10, max(DisplayWidth.of(column.rawValue) + 1, widest))
        }
        var kept = priority.filter { $0 != .vantage || sharedVantage(rows) == nil }
        var widths = natural
        func over() -> Int { kept.reduce(0) { $0 + (widths[$1] ?? 0) } + 2 * max(0, kept.count - 1) - width }
        func shrink(_ steps: [(Column, Int)]) {
            for (column, least) in steps where over() > 0 {
                widths[column] = min(widths[column] ?? 0, max(least, (widths[column] ?? 0) - over()))
            }
        }
        // A route cut below 16 columns is hard to read: the least needed columns go first, down to the
        // number, state, route and host, and only then do the route and the host shrink further.
        shrink([(.reason, 10), (.target, 24), (.route, 24), (.target, 21), (.route, 16)])
        while over() > 0, kept.count > 4 { kept.removeLast() }
        shrink([(.route, 12), (.target, 14)])
        while over() > 0, kept.count > 1 { kept.removeLast() }
        for column in [Column.route, .target, .reason] where kept.contains(column) && over() < 0 {
            widths[column] = min(natural[column] ?? 0, (widths[column] ?? 0) - over())
        }
        return Column.allCases.filter(kept.contains).map { ($0, widths[$0] ?? 0) }
    }
}

extension DetailsPane {
    /// The details of an exposed row: where, from where, why, and which arrows need the port elsewhere.
    static func exposure(_ finding: ExposureFinding, _ state: AppState, width: Int) -> [Line] {
        let host = finding.shownHost
        var out = [
            Line(text: "Exposed   \(host):\(finding.port)/\(finding.transport.rawValue)", style: .exposed),
            Line(text: "From      " + (finding.vantage == .here ? "here, not from a vantage point" : "vantage \(finding.vantage)")),
            Line(text: "Finding   \(finding.kind.rawValue)"),
        ]
        out += wrap(finding.why, width, style: .muted)
        let arrowGlyph = state.charset == .unicode ? "→" : "->"
        for need in finding.neededBy {
            out.append(Line(text: "Needed by \(need.arrow.schema) \(need.arrow.label) \(need.arrow.from) \(arrowGlyph) \(need.arrow.to) from \(need.vantage ?? "here")"))
        }
        if let at = state.live.auditedAt { out.append(Line(text: "Audited   \(UTCTime.time(at)) UTC", style: .muted)) }
        out += wrap("portolan rules writes the firewall rules that close it; portolan audit lists every finding.", width, style: .muted)
        return out
    }
}
