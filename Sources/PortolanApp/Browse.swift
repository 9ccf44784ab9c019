import PortolanCore
import PortolanLayout

/// Browsing without friction: the list previews the highlighted schema, `[` `]` PgUp PgDn open the
/// previous and next schema, focus moves over list, diagram and log, and the help scrolls.
extension AppState {
    /// Moves the list's cursor and shows the schema it lands on (as k9s and lazygit preview); the focus
    /// stays where it is.
    mutating func moveCursor(by step: Int) {
        let count = visibleSchemas.count
        guard count > 0 else { return }
        cursor = max(0, min(count - 1, cursor + step))
        previewAtCursor()
    }

    /// Shows the schema under the list's cursor, unless it is already shown.
    mutating func previewAtCursor() {
        let visible = visibleSchemas
        guard visible.indices.contains(cursor), visible[cursor].id != current?.id else { return }
        open(visible[cursor])
    }

    /// `j`/`k` and the up and down arrows: the list's cursor, the figure or the log, by focus.
    mutating func scroll(by step: Int) {
        switch focus {
        case .list: moveCursor(by: step)
        case .diagram: panBy(dx: 0, dy: 3 * step)
        case .table: moveTableCursor(by: step)
        case .log: scrollLog(by: step)
        }
    }

    /// `g`/`G`, Home/End: the first or last schema, the top or bottom of the figure, the oldest or newest
    /// line of the log (the newest also follows again).
    mutating func goToEnd(last: Bool) {
        switch focus {
        case .list: moveCursor(by: last ? visibleSchemas.count : -visibleSchemas.count)
        case .diagram: panBy(dx: 0, dy: last ? Int(Int32.max) : -Int(Int32.max))
        case .table: moveTableCursor(by: last ? tableRows.count : -tableRows.count)
        case .log:
            if last {
                logView.follow()
            } else {
                scrollLog(by: -logRows.count)
            }
        }
    }

    /// `o`: list, diagram (or the arrows table in its place), then the event log when it is on screen.
    mutating func focusNextPane() {
        switch focus {
        case .list: focus = table.shown ? .table : .diagram
        case .diagram, .table: focus = screenLayout.log.height >= 3 ? .log : .list
        case .log: focus = .list
        }
    }

    /// Keys while the help is shown: the scrolling keys scroll it, the help key, Esc and `q` close it;
    /// the rest do nothing (so that a stray key never acts behind the help).
    mutating func handleHelp(_ key: Key) -> [Effect] {
        let page = max(1, HelpOverlay.bodyHeight(self))
        switch keyMap.action(for: key) {
        case .panUp?: scrollHelp(by: -1)
        case .panDown?: scrollHelp(by: 1)
        case .pageUp?, .listUp?: scrollHelp(by: -page)
        case .pageDown?, .listDown?, .select?: scrollHelp(by: page)
        case .top?: helpScroll = 0
        case .bottom?: scrollHelp(by: Int(Int32.max))
        case .help?, .back?, .quit?:
            showHelp = false
            helpScroll = 0
        default:
            if key == .escape || key == .character("?") {
                showHelp = false
                helpScroll = 0
            }
        }
        return []
    }

    /// The mouse wheel scrolls the help; other mouse events do nothing while it is shown.
    mutating func handleHelp(_ mouse: MouseEvent) -> [Effect] {
        switch mouse.kind {
        case .wheelUp: scrollHelp(by: -3)
        case .wheelDown: scrollHelp(by: 3)
        default: break
        }
        return []
    }

    private mutating func scrollHelp(by step: Int) {
        let last = max(0, HelpOverlay.lines(self).count - HelpOverlay.bodyHeight(self))
        helpScroll = max(0, min(last, helpScroll + step))
    }
}
