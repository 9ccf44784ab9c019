import Foundation
import PortolanCore

/// What a cell shows, for a theme to colour; the canvas never holds colours.
public enum StyleRole: Hashable, Sendable {
    case text
    case zoneFrame(Zone)
    case zoneTitle(Zone)
    case device(RoleKind)
    case process
    case portLabel
    case marker
    case link(LinkKind)
    /// A route coloured by what the network answered (the dashboard's live overlay).
    case health(LinkHealth)
    /// The label of an arrow whose health changed a moment ago: its health's colours, reversed.
    case changed(LinkHealth)
    /// Pane frames and separators of the dashboard.
    case chrome
    /// Pane titles and the title bar.
    case title
    /// The selected item, arrow or role.
    case selection
    /// The status bar.
    case statusBar
    /// Secondary text: hints, timestamps.
    case muted

    /// The theme key, most specific first: `link.udp`, then `link`, then `text`.
    public var themeKeys: [String] {
        switch self {
        case .text: ["text"]
        case let .zoneFrame(zone): ["zone-frame.\(zone.rawValue)", "zone-frame", "text"]
        case let .zoneTitle(zone): ["zone-title.\(zone.rawValue)", "zone-title", "text"]
        case let .device(kind): ["device.\(kind.rawValue)", "device", "text"]
        case .process: ["process", "text"]
        case .portLabel: ["port-label", "text"]
        case .marker: ["marker", "port-label", "text"]
        case let .link(kind): ["link.\(kind.rawValue)", "link", "text"]
        case let .health(health): ["health.\(health.rawValue)", "health", "text"]
        case let .changed(health): ["changed.\(health.rawValue)", "changed"]
        case .chrome: ["chrome", "text"]
        case .title: ["title", "text"]
        case .selection: ["selection", "text"]
        case .statusBar: ["status-bar", "text"]
        case .muted: ["muted", "text"]
        }
    }
}

/// One character cell: a character and its style role. A wide character's second cell is a continuation.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: StyleRole
    /// True for the right half of a wide character; such a cell prints nothing.
    public var isContinuation: Bool

    public init(_ character: Character, style: StyleRole = .text, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }
}

/// A plain value grid of cells that views draw into; exporters turn it into text or ANSI.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(" "), count: self.width * self.height)
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : Cell(" ") }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Writes one character of display width 1.
    public mutating func put(_ character: Character, x: Int, y: Int, style: StyleRole) {
        self[x, y] = Cell(character, style: style)
    }

    /// Writes text from `x`, one cell per column (wide characters take two); in ASCII, non-ASCII becomes 7-bit.
    public mutating func write(_ text: String, x: Int, y: Int, style: StyleRole, charset: Charset) {
        var column = x
        for character in text {
            let width = character.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
            guard width > 0 else { continue }
            if charset == .ascii {
                for piece in ASCIIFold.cells(character, width: width) {
                    put(piece, x: column, y: y, style: style)
                    column += 1
                }
            } else {
                put(character, x: column, y: y, style: style)
                if width == 2 { self[column + 1, y] = Cell(" ", style: style, isContinuation: true) }
                column += width
            }
        }
    }

    /// The rows as text; every row has exactly `width` display columns.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            return line
        }
    }
}

/// Turns text into 7-bit ASCII for the `ascii` charset.
public enum ASCIIFold {
    private static let table: [Character: String] = [
        "→": "->", "←": "<-", "—": "-", "–": "-", "’": "'", "‘": "'", "“": "\"", "”": "\"", "…": "...", "«": "<<",
        "»": ">>", "\u{00A0}": " ", "×": "x", "≤": "<=", "≥": ">=", "•": "*", "·": ".",
    ]

    /// Single-cell stand-ins where `table` needs more than one character.
    private static let cellTable: [Character: Character] = ["→": ">", "←": "<", "≤": "<", "≥": ">", "«": "<", "»": ">"]

    /// The text with every character folded to ASCII; anything without an equivalent becomes `?`.
    public static func string(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isASCII {
                out.append(character)
            } else if let replacement = table[character] {
                out += replacement
            } else {
                out += String(base(character) ?? "?")
            }
        }
        return out
    }

    /// Exactly `width` ASCII characters standing for one character.
    static func cells(_ character: Character, width: Int) -> [Character] {
        if character.isASCII { return [character] + Array(repeating: " ", count: max(0, width - 1)) }
        let replacement = cellTable[character] ?? table[character].flatMap(\.first) ?? base(character) ?? "?"
        return [replacement] + Array(repeating: "?", count: max(0, width - 1))
    }

    /// The ASCII letter under a diacritic (`é` → `e`), if there is one.
    private static func base(_ character: Character) -> Character? {
        let decomposed = String(character).decomposedStringWithCanonicalMapping
        guard let first = decomposed.unicodeScalars.first, first.isASCII else { return nil }
        return Character(first)
    }
}
