import PortolanCore
import PortolanLayout
import PortolanRender

/// Boxes drawn over the panes: the export chooser (the help is `HelpOverlay`).
enum Overlays {
    static func exportChooser(_ painter: inout Painter, _ hits: inout HitMap, _ state: AppState) {
        var lines: [(String, StyleRole)] = [("Export \(state.current?.id.rawValue ?? "") as:", .title)]
        for (index, choice) in AppState.exportChoices.enumerated() {
            let selected = index == state.exportCursor
            let digit = ExportChoice.digit(for: index).map(String.init) ?? " "
            lines.append(("  \(digit)  \(choice)", selected ? .selection : .text))
        }
        lines.append(("A digit, or Up/Down and Enter, writes into the current folder; Esc cancels", .muted))
        if state.probing { lines.append(("Figures and reports keep the live states and their legend", .muted)) }
        let rect = box(&painter, title: "Export", lines: lines)
        for index in AppState.exportChoices.indices {
            hits.add(CellRect(x: rect.x + 1, y: rect.y + 2 + index, width: rect.width - 2, height: 1), .exportFormat(index: index))
        }
    }

    /// A framed box in the middle of the screen; returns its rectangle.
    @discardableResult
    private static func box(_ painter: inout Painter, title: String, lines: [(String, StyleRole)]) -> CellRect {
        let size = ScreenSize(width: painter.canvas.width, height: painter.canvas.height)
        let contentWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 10
        let width = min(size.width - 2, contentWidth + 4)
        let height = min(size.height - 2, lines.count + 2)
        let rect = CellRect(x: max(0, (size.width - width) / 2), y: max(0, (size.height - height) / 2), width: width, height: height)
        for y in rect.minY...rect.maxY { painter.fill(x: rect.x, y: y, width: rect.width, style: .text) }
        painter.frame(rect, title: title, focused: true)
        for (row, line) in lines.prefix(height - 2).enumerated() {
            painter.text(line.0, x: rect.x + 2, y: rect.y + 1 + row, width: width - 3, style: line.1)
        }
        return rect
    }
}
