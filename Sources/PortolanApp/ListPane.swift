import PortolanCore
import PortolanLayout
import PortolanRender

/// The schema list: grouped by pack and kind, filtered by `/`, the cursor row highlighted.
enum ListPane {
    /// One row of the list: a group heading or a schema (with its index among the visible schemas).
    enum Row {
        case heading(String)
        case schema(index: Int, Schema)
    }

    static func rows(_ state: AppState) -> [Row] {
        var rows: [Row] = []
        var lastGroup = ""
        for (index, schema) in state.visibleSchemas.enumerated() {
            let group = "\(schema.pack) · \(schema.kind.rawValue)"
            if group != lastGroup {
                rows.append(.heading(group))
                lastGroup = group
            }
            rows.append(.schema(index: index, schema))
        }
        return rows
    }

    static func draw(_ painter: inout Painter, _ hits: inout HitMap, _ state: AppState, _ rect: CellRect) {
        painter.frame(rect, title: "Schemas", focused: state.focus == .list)
        let inner = CellRect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
        guard inner.width > 0, inner.height > 1 else { return }
        let filterLine = state.editingFilter ? "/\(state.filter)_" : (state.filter.isEmpty ? "/ to filter" : "/\(state.filter)")
        painter.text(filterLine, x: inner.x, y: inner.y, width: inner.width, style: state.editingFilter ? .selection : .muted)
        let rows = rows(state)
        let visibleHeight = inner.height - 1
        let cursorRow = rows.firstIndex { row in
            if case let .schema(index, _) = row { return index == state.cursor }
            return false
        } ?? 0
        let first = max(0, min(cursorRow - visibleHeight / 2, rows.count - visibleHeight))
        if rows.isEmpty {
            painter.text("no schema matches", x: inner.x, y: inner.y + 1, width: inner.width, style: .muted)
        }
        for (offset, row) in rows.dropFirst(first).prefix(visibleHeight).enumerated() {
            let y = inner.y + 1 + offset
            switch row {
            case let .heading(text):
                painter.text(text, x: inner.x, y: y, width: inner.width, style: .muted)
            case let .schema(index, schema):
                let isCursor = index == state.cursor
                let isOpen = schema.id == state.current?.id
                let mark = isOpen ? (state.charset == .unicode ? "▸ " : "> ") : "  "
                if isCursor { painter.fill(x: inner.x, y: y, width: inner.width, style: .selection) }
                painter.text(mark + schema.id.rawValue, x: inner.x, y: y, width: inner.width, style: isCursor ? .selection : .text)
                hits.add(CellRect(x: inner.x, y: y, width: inner.width, height: 1), .schema(index: index))
            }
        }
    }
}
