import PortolanLayout
import PortolanRender

/// The event log: state changes with their times, newest at the bottom.
enum LogPane {
    static func draw(_ painter: inout Painter, _ state: AppState, _ rect: CellRect) {
        guard rect.height >= 3 else { return }
        painter.frame(rect, title: "Events")
        let inner = CellRect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 3, height: rect.height - 2)
        let entries = state.live.log.suffix(inner.height)
        if entries.isEmpty {
            let hint = state.probing ? "waiting for the first probe round..." : "no topology: changes of state appear here when probing"
            painter.text(hint, x: inner.x, y: inner.y, width: inner.width, style: .muted)
        }
        for (row, entry) in entries.enumerated() {
            let time = UTCTime.time(entry.time)
            painter.text(time, x: inner.x, y: inner.y + row, width: inner.width, style: .muted)
            painter.text(entry.text, x: inner.x + time.count + 1, y: inner.y + row, width: inner.width - time.count - 1, style: entry.health.map { .health($0) } ?? .text)
        }
    }
}
