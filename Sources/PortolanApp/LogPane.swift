import PortolanLayout
import PortolanRender

/// The event log: state changes with their times, newest at the bottom, a flapping arrow folded into one
/// row; the title says FOLLOW or PAUSED, the filter, and which rows are in view.
enum LogPane {
    static func draw(_ painter: inout Painter, _ state: AppState, _ rect: CellRect) {
        guard rect.height >= 3 else { return }
        let inner = CellRect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 3, height: rect.height - 2)
        let rows = state.logRows
        let last = max(0, rows.count - min(state.logView.offset, max(0, rows.count - inner.height)))
        let first = max(0, last - inner.height)
        var title = "Events · " + (state.logView.following ? "FOLLOW" : "PAUSED")
        if state.logView.problemsOnly { title += " · problems only" }
        if rows.count > inner.height { title += " · \(first + 1)-\(last) of \(rows.count)" }
        if state.focus == .log { title += " · j k PgUp PgDn g G, F follow, ! problems" }
        painter.frame(rect, title: title, focused: state.focus == .log)
        if rows.isEmpty {
            let hint: String
            if state.logView.problemsOnly, !state.live.log.isEmpty {
                hint = "no problems logged (! shows every line)"
            } else {
                hint = state.probing ? "waiting for the first probe round..." : "no topology: changes of state appear here when probing"
            }
            painter.text(hint, x: inner.x, y: inner.y, width: inner.width, style: .muted)
        }
        for (row, line) in rows[first..<last].enumerated() {
            let time = UTCTime.time(line.entry.time)
            painter.text(time, x: inner.x, y: inner.y + row, width: inner.width, style: .muted)
            painter.text(
                line.text, x: inner.x + time.count + 1, y: inner.y + row, width: inner.width - time.count - 1,
                style: line.entry.health.map { .health($0) } ?? .text)
        }
    }
}
