import PortolanCore
import PortolanLayout
import PortolanRender

/// Boxes drawn over the panes: the help screen and the export chooser.
enum Overlays {
    static func help(_ painter: inout Painter, _ state: AppState) {
        var lines: [(String, StyleRole)] = [("Keys", .title)]
        for action in Action.allCases where !ArrowsTableView.helpedTogether.contains(action) {
            let keys = state.keyMap.keys(for: action).map(\.description)
            guard !keys.isEmpty else { continue }
            lines.append(("  " + keys.joined(separator: " ").padding(toLength: 16, withPad: " ", startingAt: 0) + action.summary, .text))
        }
        lines += ArrowsTableView.help(state.keyMap).map { ($0, .text) }
        lines.append(("  digits          jump to a numbered arrow (1 5 = 15, 4 a = 4a)", .text))
        lines.append(("  mouse           click selects a schema, role or arrow; drag pans; wheel scrolls", .text))
        lines.append(("", .text))
        lines.append(("Conventions", .title))
        let glyphs = GlyphTable(state.charset)
        for link in LinkKind.allCases {
            let set = glyphs.lines(link)
            let sample = String(repeating: set.horizontal, count: 6) + String(glyphs.head(.right))
            lines.append(("  " + sample + "  " + linkMeaning(link), .link(link)))
        }
        for convention in state.conventions {
            switch convention.symbol {
            case let .role(kind): lines.append(("  [\(kind.displayName)] " + convention.meaning, .device(kind)))
            case .process: lines.append(("  [klserver] " + convention.meaning, .process))
            case .portLabel: lines.append(("  13000 TCP TLS  " + convention.meaning, .portLabel))
            case .dmzBoundary: lines.append(("  " + (state.charset == .unicode ? "╭─DMZ─╮" : "+-DMZ-+") + "  " + convention.meaning, .zoneFrame(.dmz)))
            case .link: continue
            }
        }
        lines.append(("", .text))
        lines.append(("Live states (with --topology): line, mark beside the label, word", .title))
        let horizontal = glyphs.lines(.tcp).horizontal
        for health in LinkHealth.allCases {
            let sample = String(repeating: horizontal, count: 4) + " \(health.mark(unicode: state.charset == .unicode)) "
            lines.append(("  " + sample + health.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + health.meaning, .health(health)))
        }
        lines.append(("  " + String(repeating: " ", count: 5) + "* exposed".padding(toLength: 16, withPad: " ", startingAt: 0) + "arrows table: an open port no arrow from there needs (audit)", .exposed))
        lines.append(("  A shared line shows the worst of its arrows; each label shows its own.", .muted))
        lines.append(("  A reversed label: that arrow changed in the last \(Int(LiveState.changeMarkSeconds)) s (the log says how).", .changed(.closed)))
        lines.append(("any key closes this", .muted))
        box(&painter, title: "Help", lines: lines)
    }

    private static func linkMeaning(_ link: LinkKind) -> String {
        switch link {
        case .tcp: "TCP traffic (arrow points at the side that answers)"
        case .udp: "UDP traffic"
        case .com: "COM invoke (applications on one device)"
        case .dbms: "DBMS transport"
        case .https: "HTTPS to Kaspersky servers"
        }
    }

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
