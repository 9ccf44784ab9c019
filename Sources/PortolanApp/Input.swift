import PortolanCore

/// A key the user pressed, independent of the terminal library.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case tab, backTab, enter, escape, backspace, delete, f1

    /// The key's name in a keymap file: `q`, `?`, `up`, `tab`, `shift-tab`, `enter`, `space`...
    public var description: String {
        switch self {
        case .character(" "): "space"
        case let .character(c): String(c)
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "page-up"
        case .pageDown: "page-down"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .enter: "enter"
        case .escape: "escape"
        case .backspace: "backspace"
        case .delete: "delete"
        case .f1: "f1"
        }
    }

    /// Parses a keymap file's key name.
    public init?(name: String) {
        let named: [String: Key] = [
            "space": .character(" "), "up": .up, "down": .down, "left": .left, "right": .right, "home": .home,
            "end": .end, "page-up": .pageUp, "page-down": .pageDown, "tab": .tab, "shift-tab": .backTab,
            "enter": .enter, "escape": .escape, "backspace": .backspace, "delete": .delete, "f1": .f1,
        ]
        if let key = named[name] {
            self = key
        } else if name.count == 1, let character = name.first {
            self = .character(character)
        } else {
            return nil
        }
    }
}

/// A mouse event in screen cells.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press, release, click, drag, wheelUp, wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What the user asks for; keys map to actions through a `KeyMap`.
public enum Action: String, Hashable, Sendable, CaseIterable {
    case quit
    case help
    case nextArrow = "next-arrow"
    case previousArrow = "previous-arrow"
    case select
    case panLeft = "pan-left"
    case panRight = "pan-right"
    case panUp = "pan-up"
    case panDown = "pan-down"
    case fit
    case maximise
    case compact
    case filter
    case export
    case cycleTheme = "cycle-theme"
    case probeNow = "probe-now"
    case togglePause = "toggle-pause"
    case focusNext = "focus-next"
    case back
    case listUp = "list-up"
    case listDown = "list-down"
    // The arrows table (`a`) and its keys; `/` (`filter`) searches it while it is shown.
    case arrowsTable = "arrows-table"
    case sortColumn = "sort-column"
    case reverseSort = "reverse-sort"
    case problemsOnly = "problems-only"
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    // Browsing, the help and the event log (issue 10 items 4 and 6).
    case pageUp = "page-up"
    case pageDown = "page-down"
    case top
    case bottom
    case toggleFollow = "toggle-follow"

    /// What the action does, for the help screen.
    public var summary: String {
        switch self {
        case .quit: "quit"
        case .help: "keys and the conventions legend"
        case .nextArrow: "select the next arrow"
        case .previousArrow: "select the previous arrow"
        case .select: "list: show the highlighted schema and move to it; diagram: select the first arrow"
        case .panLeft: "pan the diagram left"
        case .panRight: "pan the diagram right (in the list: go to the diagram)"
        case .panUp: "up: the list shows the previous schema, the diagram pans, the log scrolls"
        case .panDown: "down: the list shows the next schema, the diagram pans, the log scrolls"
        case .fit: "fit the pane: the richest level of detail that fits, then compact, overview, off"
        case .maximise: "the diagram takes the whole screen / back to all panes"
        case .compact: "compact labels on/off"
        case .filter: "filter the schema list; with the arrows table shown, search it (number, role, host, port, state)"
        case .export: "export the current schema"
        case .cycleTheme: "next theme"
        case .probeNow: "probe now"
        case .togglePause: "pause / resume probing"
        case .focusNext: "move focus: schema list, diagram (or arrows table), event log"
        case .back: "close a dialog; clear the selection; else back to the list"
        case .listUp: "open the previous schema"
        case .listDown: "open the next schema"
        case .pageUp: "open the previous schema; in the log or help: a page up"
        case .pageDown: "open the next schema; in the log or help: a page down"
        case .top: "first schema / top of the figure; in the log or help: the oldest line"
        case .bottom: "last schema / bottom of the figure; in the log: the newest line, following"
        case .toggleFollow: "event log: follow new lines (FOLLOW) or hold the view (PAUSED)"
        case .problemsOnly: "only the problems: arrows not as documented, exposed ports; in the event log, lines not as documented and flapping arrows"
        case .arrowsTable: "show / hide the arrows table (in the diagram's place; Enter jumps to the arrow on the map)"
        case .sortColumn: "arrows table: sort by the next column"
        case .reverseSort: "arrows table: reverse the sort"
        case .nextMatch: "arrows table: next search match"
        case .previousMatch: "arrows table: previous search match"
        }
    }
}

/// Where a mouse event landed, as the last render laid out the screen.
public enum HitTarget: Hashable, Sendable {
    case schema(index: Int)
    case role(RoleID)
    case arrow(index: Int)
    case diagram
    case exportFormat(index: Int)
    /// A visible row of the arrows table.
    case tableRow(index: Int)
}
