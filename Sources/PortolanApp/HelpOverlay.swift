import PortolanCore
import PortolanLayout
import PortolanRender

/// The help over the panes: every bound key, the conventions and the live states, wrapped to the
/// screen's width and scrolled by `helpScroll` (j/k, arrows, PgUp/PgDn, g/G, the wheel), with a footer
/// that says where you are and how to close it.
enum HelpOverlay {
    /// The widest the box gets; at 80 columns it takes the screen less one column each side.
    static let maximumWidth = 100
    /// The width of the keys column, indent included.
    static let keysColumn = 18

    /// The box on the current screen.
    static func rect(_ state: AppState) -> CellRect {
        rect(state, lineCount: lines(state).count)
    }

    /// The box for `lineCount` help lines, for callers that already wrapped them.
    private static func rect(_ state: AppState, lineCount: Int) -> CellRect {
        let width = min(state.size.width - 2, maximumWidth)
        let height = min(state.size.height - 2, lineCount + 3)
        return CellRect(x: max(0, (state.size.width - width) / 2), y: max(0, (state.size.height - height) / 2), width: width, height: height)
    }

    /// Rows of the box that show help lines (the last row inside the frame is the footer).
    static func bodyHeight(_ state: AppState) -> Int {
        max(1, rect(state).height - 3)
    }

    /// Every line of the help, wrapped to the box on the current screen.
    static func lines(_ state: AppState) -> [(String, StyleRole)] {
        lines(state, width: min(state.size.width - 2, maximumWidth))
    }

    private static func lines(_ state: AppState, width boxWidth: Int) -> [(String, StyleRole)] {
        let width = max(30, boxWidth - 4)
        var out: [(String, StyleRole)] = [("Keys", .title)]
        /// A lead (keys, a sample) in a column of `column` cells and its text wrapped beside it; a lead wider
        /// than the column runs into the text, whose next lines hang under the column (or under the lead's
        /// indent plus two).
        func add(_ lead: String, _ body: String, _ style: StyleRole, column: Int) {
            let leadWidth = DisplayWidth.of(lead)
            if leadWidth < column {
                let rows = Wrap.paragraph(body, width: width - column, indent: "").split(separator: "\n", omittingEmptySubsequences: false)
                for (index, row) in rows.enumerated() {
                    let prefix = index == 0 ? lead + String(repeating: " ", count: column - leadWidth) : String(repeating: " ", count: column)
                    out.append((prefix + row, style))
                }
                return
            }
            let indent = lead.prefix { $0 == " " }.count
            let hang = column > 0 ? column : indent + 2
            let text = body.isEmpty ? lead : lead + " " + body
            let rows = Wrap.paragraph(text, width: width - hang, indent: "").split(separator: "\n", omittingEmptySubsequences: false)
            for (index, row) in rows.enumerated() {
                out.append((String(repeating: " ", count: index == 0 ? indent : hang) + row, style))
            }
        }
        for action in Action.allCases where !ArrowsTableView.helpedTogether.contains(action) {
            let keys = state.keyMap.keys(for: action).map(\.description)
            guard !keys.isEmpty else { continue }
            add("  " + keys.joined(separator: " "), action.summary, .text, column: keysColumn)
        }
        for line in ArrowsTableView.help(state.keyMap) {
            let lead = String(line.prefix(keysColumn)).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            add(lead, String(line.dropFirst(keysColumn)), .text, column: keysColumn)
        }
        add("  digits", "jump to a numbered arrow (1 5 = 15, 4 a = 4a)", .text, column: keysColumn)
        add("  mouse", "click selects a schema, role or arrow; drag pans; the wheel scrolls", .text, column: keysColumn)
        add("  in this help", "j k, arrows, PgUp PgDn, g G and the wheel scroll; Esc, ? or q close it", .text, column: keysColumn)
        out.append(("", .text))
        out.append(("Conventions", .title))
        let glyphs = GlyphTable(state.charset)
        for link in LinkKind.allCases {
            let set = glyphs.lines(link)
            add("  " + String(repeating: set.horizontal, count: 6) + String(glyphs.head(.right)), linkMeaning(link), .link(link), column: 11)
        }
        for convention in state.conventions {
            switch convention.symbol {
            case let .role(kind): add("  [\(kind.displayName)]", convention.meaning, .device(kind), column: 0)
            case .process: add("  [klserver]", convention.meaning, .process, column: 0)
            case .portLabel: add("  13000 TCP TLS", convention.meaning, .portLabel, column: 17)
            case .dmzBoundary: add("  " + LegendView.sample(.dmzBoundary, charset: state.charset), convention.meaning, .zoneFrame(.dmz), column: 11)
            case .link: continue
            }
        }
        out.append(("", .text))
        add("Live states (with --topology): line, mark beside the label, word", "", .title, column: 0)
        let horizontal = glyphs.lines(.tcp).horizontal
        for health in LinkHealth.allCases {
            let sample = "  " + String(repeating: horizontal, count: 4) + " \(health.mark(unicode: state.charset == .unicode)) " + health.rawValue
            add(sample, health.meaning, .health(health), column: 24)
        }
        add("  " + String(repeating: " ", count: 5) + "* exposed", "arrows table: an open port no arrow from there needs (audit)", .exposed, column: 24)
        add("  A shared line shows the worst of its arrows; each label shows its own.", "", .muted, column: 0)
        add("  A reversed label: that arrow changed in the last \(Int(LiveState.changeMarkSeconds)) s (the log says how).", "", .changed(.closed), column: 0)
        out.append(("", .text))
        out.append(("Event log", .title))
        add(
            "", "o gives it focus; j k PgUp PgDn g G scroll; F follows new lines or holds the view; ! shows problems only "
                + "(not as documented, or flapping); an arrow that changes again within \(Int(LogView.foldWindow / 60)) min "
                + "of its last change is folded into one line: ×7 in 2 min.", .text, column: 2)
        return out
    }

    static func linkMeaning(_ link: LinkKind) -> String {
        switch link {
        case .tcp: "TCP traffic (arrow points at the side that answers)"
        case .udp: "UDP traffic"
        case .com: "COM invoke (applications on one device)"
        case .dbms: "DBMS transport"
        case .https: "HTTPS to Kaspersky servers"
        }
    }

    static func draw(_ painter: inout Painter, _ state: AppState) {
        let all = lines(state)
        let rect = rect(state, lineCount: all.count)
        let body = max(1, rect.height - 3)
        let first = max(0, min(state.helpScroll, all.count - body))
        for y in rect.minY...rect.maxY { painter.fill(x: rect.x, y: y, width: rect.width, style: .text) }
        painter.frame(rect, title: "Help", focused: true)
        let width = rect.width - 3
        for (row, line) in all.dropFirst(first).prefix(body).enumerated() {
            painter.text(line.0, x: rect.x + 2, y: rect.y + 1 + row, width: width, style: line.1)
        }
        let shown = "lines \(first + 1)-\(min(all.count, first + body)) of \(all.count)"
        let footer = all.count > body ? shown + " · j k PgUp PgDn g G scroll · Esc ? q close" : "Esc ? q close"
        painter.text(footer, x: rect.x + 2, y: rect.maxY - 1, width: width, style: .muted)
    }
}
