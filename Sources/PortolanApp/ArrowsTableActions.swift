import PortolanCore
import PortolanLayout

extension AppState {
    /// The table's rows as shown: filtered, sorted.
    public var tableRows: [ArrowRow] { table.visible(ArrowRow.rows(of: self)) }

    /// The row under the table's cursor.
    public var tableRow: ArrowRow? {
        let rows = tableRows
        return rows.isEmpty ? nil : rows[max(0, min(table.cursor, rows.count - 1))]
    }

    /// Does what one of the table's own actions asks (`a`, `s`, `S`, `!`, `n`, `N`).
    mutating func performTable(_ action: Action) -> [Effect] {
        switch action {
        case .arrowsTable:
            table.shown.toggle()
            table.editingSearch = false
            if table.shown {
                if current == nil { previewAtCursor() }
                focus = .table
                table.cursor = selectedArrow.flatMap { index in tableRows.firstIndex { $0.subject == .arrow(index: index) } } ?? 0
                followTableCursor()
            } else if focus == .table {
                focus = .diagram
            }
        case .sortColumn, .reverseSort:
            guard table.shown else { return [] }
            let keep = tableRow
            if action == .sortColumn {
                let columns = ArrowsTable.Column.allCases
                table.sort = columns[((columns.firstIndex(of: table.sort) ?? 0) + 1) % columns.count]
            } else {
                table.descending.toggle()
            }
            keepCursor(on: keep)
        case .problemsOnly:
            guard table.shown else { return [] }
            let keep = tableRow
            table.problemsOnly.toggle()
            keepCursor(on: keep)
            if tableRows.isEmpty { message = "no problems: every arrow as documented" }
        case .nextMatch: nextMatch(by: 1)
        case .previousMatch: nextMatch(by: -1)
        default: break
        }
        return []
    }

    /// The actions that mean something else while the table has focus: up/down and Tab move its
    /// cursor, Enter jumps to the arrow on the map, Esc clears the search. Nil: not the table's.
    mutating func performInTable(_ action: Action) -> [Effect]? {
        guard table.shown, focus == .table else { return nil }
        switch action {
        case .panUp, .previousArrow: moveTableCursor(by: -1)
        case .panDown, .nextArrow: moveTableCursor(by: 1)
        case .select: jumpToMap()
        case .panLeft, .panRight: break
        case .back:
            guard !table.search.isEmpty else { return nil }
            table.search = ""
        default: return nil
        }
        return []
    }

    /// `/` with the table shown: starts a new search.
    mutating func startSearch() {
        table.search = ""
        table.editingSearch = true
        focus = .table
    }

    /// A key while the search is typed: each character moves the cursor to the first match.
    mutating func handleSearchTyping(_ key: Key) -> [Effect] {
        switch key {
        case .enter: table.editingSearch = false
        case .escape:
            table.editingSearch = false
            table.search = ""
        case .backspace, .delete:
            if !table.search.isEmpty { table.search.removeLast() }
        case let .character(c):
            table.search.append(c)
            if let first = table.matches(tableRows).first {
                table.cursor = first
                followTableCursor()
            }
        default: break
        }
        return []
    }

    /// Moves the cursor to the next (or previous) matching row, wrapping around.
    private mutating func nextMatch(by step: Int) {
        guard table.shown else { return }
        let matches = table.matches(tableRows)
        guard !matches.isEmpty else {
            message = table.search.isEmpty ? "no search: / starts one" : "no row matches \(table.search)"
            return
        }
        let next = step > 0 ? matches.first { $0 > table.cursor } ?? matches[0] : matches.last { $0 < table.cursor } ?? matches[matches.count - 1]
        table.cursor = next
        focus = .table
        followTableCursor()
    }

    mutating func moveTableCursor(by step: Int) {
        let count = tableRows.count
        guard count > 0 else { return }
        table.cursor = max(0, min(count - 1, table.cursor + step))
        followTableCursor()
    }

    /// A click on a visible row.
    mutating func clickTableRow(_ index: Int) {
        table.cursor = index
        focus = .table
        followTableCursor()
    }

    /// The details show the row under the cursor: its arrow, or the role bound to an exposed host.
    private mutating func followTableCursor() {
        switch tableRow?.subject {
        case let .arrow(index)?:
            selectedArrow = index
            selectedRole = nil
        case let .exposure(_, role)?:
            selectedArrow = nil
            selectedRole = role
        case nil: break
        }
    }

    /// After a re-sort or a filter, the cursor stays on the same row where it is still shown.
    private mutating func keepCursor(on row: ArrowRow?) {
        table.cursor = row.flatMap { kept in tableRows.firstIndex(of: kept) ?? tableRows.firstIndex { $0.subject == kept.subject } } ?? 0
        followTableCursor()
    }

    /// Enter: the map comes back with the row's arrow (or the exposed host's role) selected and in view.
    mutating func jumpToMap() {
        guard let row = tableRow else { return }
        table.shown = false
        table.editingSearch = false
        switch row.subject {
        case let .arrow(index):
            select(arrow: index)
        case let .exposure(finding, role):
            focus = .diagram
            selectedArrow = nil
            selectedRole = role
            if let role, let box = diagram?.box(role) { scroll(toShow: CellPoint(x: box.rect.x, y: box.rect.y)) }
            message = "exposed \(finding.host):\(finding.port)/\(finding.transport.rawValue): no arrow from \(finding.vantage) needs it"
        }
    }

    /// With the table shown, an arrow chosen by digits or a click moves the table's cursor to it.
    /// - Returns: true if the table took the selection.
    mutating func selectInTable(arrow index: Int) -> Bool {
        guard table.shown else { return false }
        if let row = tableRows.firstIndex(where: { $0.subject == .arrow(index: index) }) {
            table.cursor = row
        }
        selectedArrow = index
        selectedRole = nil
        focus = .table
        return true
    }
}
