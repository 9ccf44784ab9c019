import PortolanCore
import PortolanLayout
import PortolanRender

/// The diagram viewport: the figure panned, routes coloured by live health, the selection highlighted.
enum DiagramPane {
    static func draw(_ painter: inout Painter, _ hits: inout HitMap, _ state: AppState, _ layout: ScreenLayout) {
        let viewport = layout.diagram
        let mode = state.compact ? "compact" : (state.fitLevel.map { "fit: \($0)" } ?? "")
        var title = state.current.map { "\($0.id)" } ?? "Diagram"
        if let diagram = state.diagram, diagram.width > viewport.width || diagram.height > viewport.height {
            title += "  [\(state.pan.x),\(state.pan.y) of \(diagram.width)x\(diagram.height)]"
        }
        if !mode.isEmpty { title += "  \(mode)" }
        painter.frame(layout.diagramFrame, title: title, focused: state.focus == .diagram)
        hits.add(viewport, .diagram)
        guard let schema = state.current, let diagram = state.diagram, let figure = state.figure else {
            if let pending = state.pendingLayout {
                let mark = state.charset == .unicode ? "laying out \(pending.schema)…" : "laying out \(pending.schema)..."
                painter.text(mark, x: viewport.x + 2, y: viewport.y + 1, width: viewport.width - 2, style: .muted)
                painter.text("keys still work; the figure appears when it is ready", x: viewport.x + 2, y: viewport.y + 2, width: viewport.width - 2, style: .muted)
            } else if state.current != nil {
                painter.text("this schema cannot be laid out", x: viewport.x + 2, y: viewport.y + 1, width: viewport.width - 2, style: .muted)
            } else {
                welcome(&painter, state, viewport)
            }
            return
        }
        var overlay = figure
        if state.probing, let states = state.live.arrowStates(for: schema) {
            LiveColouring.paint(&overlay, diagram, states, unicode: state.charset == .unicode)
        }
        highlightSelection(&overlay, diagram, state)
        for y in 0..<viewport.height {
            for x in 0..<viewport.width {
                let source = CellPoint(x: state.pan.x + x, y: state.pan.y + y)
                guard overlay.contains(x: source.x, y: source.y) else { continue }
                painter.canvas[viewport.x + x, viewport.y + y] = overlay[source.x, source.y]
            }
        }
        addHits(&hits, diagram, schema, state.pan, viewport)
    }

    private static func welcome(_ painter: inout Painter, _ state: AppState, _ viewport: CellRect) {
        let lines = [
            "portolan: the interaction schemas of Kaspersky Security Center",
            "",
            "Up/Down (j/k) show each schema of the list, Enter moves to it; [ ] open the previous/next.",
            "Tab cycles its arrows, digits jump to a numbered arrow, click selects.",
            "? shows every key and the conventions legend.",
        ]
        for (row, line) in lines.enumerated() where row < viewport.height {
            painter.text(line, x: viewport.x + 2, y: viewport.y + 1 + row, width: viewport.width - 2, style: row == 0 ? .title : .text)
        }
    }

    private static func highlightSelection(_ canvas: inout Canvas, _ diagram: Diagram, _ state: AppState) {
        let selected = state.selectedArrowRef
        if let selected, let index = diagram.route(of: selected) {
            for cell in diagram.routes[index].cells { canvas[cell.x, cell.y].style = .selection }
            for label in diagram.labels where label.route == index {
                for cell in label.rect.cells { canvas[cell.x, cell.y].style = .selection }
            }
        }
        if let selected, let local = diagram.local(of: selected) {
            for cell in local.line.cells { canvas[cell.x, cell.y].style = .selection }
        }
        if let role = state.selectedRole, let box = diagram.box(role) {
            for cell in box.rect.cells where !box.rect.interiorContains(cell) { canvas[cell.x, cell.y].style = .selection }
        }
    }

    /// Boxes select roles; route cells and labels select the first arrow they carry.
    private static func addHits(_ hits: inout HitMap, _ diagram: Diagram, _ schema: Schema, _ pan: CellPoint, _ viewport: CellRect) {
        func screen(_ rect: CellRect) -> CellRect? {
            let moved = CellRect(x: rect.x - pan.x + viewport.x, y: rect.y - pan.y + viewport.y, width: rect.width, height: rect.height)
            return moved.intersects(viewport) ? moved : nil
        }
        for box in diagram.boxes {
            if let rect = screen(box.rect) { hits.add(rect, .role(box.role)) }
        }
        for (index, route) in diagram.routes.enumerated() {
            guard let first = route.arrows.first, let arrow = schema.index(of: first) else { continue }
            for cell in route.cells {
                if let rect = screen(CellRect(x: cell.x, y: cell.y, width: 1, height: 1)) { hits.add(rect, .arrow(index: arrow)) }
            }
            for placed in diagram.labels where placed.route == index {
                // Each line of a bundled label stands for one of the route's arrows.
                for (line, text) in placed.lines.enumerated() {
                    let lineArrow = route.arrows.indices.contains(line) ? route.arrows[line] : first
                    let target = schema.index(of: lineArrow) ?? arrow
                    let rect = CellRect(x: placed.rect.x, y: placed.rect.y + line, width: max(1, DisplayWidth.of(text.description)), height: 1)
                    if let shown = screen(rect) { hits.add(shown, .arrow(index: target)) }
                }
            }
        }
        for local in diagram.locals {
            guard let first = local.arrows.first, let arrow = schema.index(of: first), let rect = screen(local.line)
            else { continue }
            hits.add(rect, .arrow(index: arrow))
        }
    }
}
