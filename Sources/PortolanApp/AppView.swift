import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// Rectangles of the last frame and what each stands for, for mouse hit-testing.
public struct HitMap: Sendable {
    public var regions: [(CellRect, HitTarget)] = []

    public init() {}

    /// The target under a point: the last region added wins (overlays are drawn last).
    public func target(x: Int, y: Int) -> HitTarget? {
        regions.last { $0.0.contains(CellPoint(x: x, y: y)) }?.1
    }

    mutating func add(_ rect: CellRect, _ target: HitTarget) { regions.append((rect, target)) }
}

/// One frame: what to draw and where the mouse can land.
public struct RenderedFrame: Sendable {
    public var canvas: Canvas
    public var hits: HitMap
}

/// Turns the state into a frame. Pure; the terminal backend only copies cells.
public enum AppView {
    public static func render(_ state: AppState, now: Date) -> RenderedFrame {
        let layout = state.screenLayout
        var painter = Painter(size: state.size, charset: state.charset)
        var hits = HitMap()
        if layout.isTooSmall {
            tooSmall(&painter, state.size)
            return RenderedFrame(canvas: painter.canvas, hits: hits)
        }
        titleBar(&painter, state, layout.title)
        if !layout.maximised { ListPane.draw(&painter, &hits, state, layout.list) }
        if state.table.shown { ArrowsTableView.draw(&painter, &hits, state, layout) } else { DiagramPane.draw(&painter, &hits, state, layout) }
        if !layout.maximised {
            DetailsPane.draw(&painter, state, layout.details, now: now)
            LogPane.draw(&painter, state, layout.log)
        }
        statusBar(&painter, state, layout.status)
        if state.exportCursor != nil { Overlays.exportChooser(&painter, &hits, state) }
        if state.showHelp { HelpOverlay.draw(&painter, state) }
        return RenderedFrame(canvas: painter.canvas, hits: hits)
    }

    private static func tooSmall(_ painter: inout Painter, _ size: ScreenSize) {
        let lines = [
            "terminal too small",
            "need \(ScreenLayout.minimum.width)x\(ScreenLayout.minimum.height), have \(size.width)x\(size.height)",
            "q quits",
        ]
        for (row, line) in lines.enumerated() where row < size.height {
            let x = max(0, (size.width - DisplayWidth.of(line)) / 2)
            painter.text(line, x: x, y: max(0, size.height / 2 - 1) + row, width: size.width - x, style: row == 0 ? .title : .text)
        }
    }

    private static func titleBar(_ painter: inout Painter, _ state: AppState, _ rect: CellRect) {
        painter.fill(x: rect.x, y: rect.y, width: rect.width, style: .title)
        let separator = state.charset == .unicode ? " │ " : " | "
        let schema = state.current.map { "\($0.id): \($0.title)" } ?? "schema catalog"
        let left = " portolan" + separator + schema
        let right = "theme \(state.theme.name)" + separator + "? help  q quit "
        let rightWidth = DisplayWidth.of(right)
        painter.text(left, x: 0, y: rect.y, width: max(0, rect.width - rightWidth - 1), style: .title)
        painter.text(right, x: max(0, rect.width - rightWidth), y: rect.y, width: rightWidth, style: .title)
    }

    private static func statusBar(_ painter: inout Painter, _ state: AppState, _ rect: CellRect) {
        painter.fill(x: rect.x, y: rect.y, width: rect.width, style: .statusBar)
        let separator = state.charset == .unicode ? " │ " : " | "
        var x = rect.x + 1
        if state.probing, let schema = state.current {
            let counts = state.live.healthCounts(in: schema)
            // A message (an export's full path) that would not fit beside the strip takes the line until the next key.
            let stripWidth = counts.reduce(0) { $0 + DisplayWidth.of(LegendStrip.entry($1.health, count: $1.count, charset: state.charset)) + 2 }
            let messageWidth = state.message.map { DisplayWidth.of($0) + separator.count } ?? 0
            if messageWidth == 0 || x + stripWidth + messageWidth <= rect.x + rect.width {
                x = LegendStrip.draw(&painter, counts, x: x, y: rect.y, width: rect.width - x, charset: state.charset)
            }
        }
        var parts: [String] = []
        if let message = state.message {
            parts.append(message)
        }
        if state.probing {
            if let schema = state.current, !state.live.hasResults(for: schema.id) {
                parts.append(state.live.round == 0 ? "waiting for the first probe round" : "\(schema.id) is not probed by this topology")
            }
            parts.append("topology \(state.live.topologyName ?? "-")")
            parts.append("round \(state.live.round)")
            parts.append("last refresh " + (state.live.lastRefresh.map(UTCTime.time) ?? "-"))
            if state.paused { parts.append("PAUSED") }
            parts.append(state.live.vantageSummary)
        } else {
            parts.append("catalog browser: no topology (--topology FILE probes the network)")
        }
        if state.editingFilter { parts.insert("filter: type, Enter to keep, Esc to clear", at: 0) }
        let drewStrip = x > rect.x + 1
        let start = drewStrip ? x : rect.x
        let text = (drewStrip ? String(separator.dropFirst()) : " ") + parts.filter { !$0.isEmpty }.joined(separator: separator)
        painter.text(text, x: start, y: rect.y, width: rect.x + rect.width - start, style: .statusBar)
    }
}

/// Times of day for the log and status bar, in UTC so that tests and screenshots agree.
enum UTCTime {
    static func time(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(pad(day / 3600)):\(pad(day / 60 % 60)):\(pad(day % 60))"
    }
}
