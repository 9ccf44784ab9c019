import Foundation
import PortolanCore
import PortolanLayout

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
    /// An open port that no arrow from its vantage point needs (the audit's finding, the arrows table's
    /// "exposed" rows); without a theme key of its own, the tls-problem look, bold and underlined.
    case exposed
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
        case .exposed: ["exposed"]
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
    /// For a line cell, what line it is: the terminal draws it from the glyph table of its own charset.
    public var line: LinePiece?

    public init(_ character: Character, style: StyleRole = .text, isContinuation: Bool = false, line: LinePiece? = nil) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
        self.line = line
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

    /// Writes a line cell: the piece's character in `glyphs`' charset, and the piece itself.
    public mutating func put(_ piece: LinePiece, x: Int, y: Int, style: StyleRole, glyphs: GlyphTable) {
        self[x, y] = Cell(glyphs.character(piece), style: style, line: piece)
    }

    /// Draws the outline of `rect` in a line style (nothing if it is smaller than 2×2).
    public mutating func frame(_ rect: CellRect, _ line: LineStyle, style: StyleRole, glyphs: GlyphTable) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for x in (rect.minX + 1)..<rect.maxX {
            put(LinePiece(line, .horizontal), x: x, y: rect.minY, style: style, glyphs: glyphs)
            put(LinePiece(line, .horizontal), x: x, y: rect.maxY, style: style, glyphs: glyphs)
        }
        for y in (rect.minY + 1)..<rect.maxY {
            put(LinePiece(line, .vertical), x: rect.minX, y: y, style: style, glyphs: glyphs)
            put(LinePiece(line, .vertical), x: rect.maxX, y: y, style: style, glyphs: glyphs)
        }
        put(LinePiece(line, .downRight), x: rect.minX, y: rect.minY, style: style, glyphs: glyphs)
        put(LinePiece(line, .downLeft), x: rect.maxX, y: rect.minY, style: style, glyphs: glyphs)
        put(LinePiece(line, .upRight), x: rect.minX, y: rect.maxY, style: style, glyphs: glyphs)
        put(LinePiece(line, .upLeft), x: rect.maxX, y: rect.maxY, style: style, glyphs: glyphs)
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

    /// The number of cells that differ from `old` (every cell when the sizes differ): what a terminal
    /// that sends only changed cells has to send.
    public func changedCells(since old: Canvas) -> Int {
        guard old.width == width, old.height == height else { return width * height }
        return zip(old.cells, cells).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
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

    /// Single-cell stand-ins where `table` needs more than one character, and for the dashboard's text
    /// marks (the cut mark, the open schema's mark, the latency sparkline's bars).
    private static let cellTable: [Character: Character] = [
        "→": ">", "←": "<", "≤": "<", "≥": ">", "«": "<", "»": ">", "…": "~", "▸": ">",
        "▁": "_", "▂": ".", "▃": "-", "▄": "~", "▅": "=", "▆": "+", "▇": "*", "█": "#",
    ]

    /// Line characters written as text (a separator, a legend sample) fold as the glyph tables say: each
    /// unicode line character to the ASCII character of the same piece.
    private static let lineTable: [Character: Character] = {
        var table: [Character: Character] = [:]
        for piece in GlyphTable.allPieces where piece.style != .pane(focused: true) {
            table[GlyphTable(.unicode).character(piece)] = GlyphTable(.ascii).character(piece)
        }
        return table
    }()

    /// The text with every character folded to ASCII; anything without an equivalent becomes `?`.
    public static func string(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isASCII {
                out.append(character)
            } else if let replacement = table[character] {
                out += replacement
            } else if let line = lineTable[character] {
                out.append(line)
            } else {
                out += String(base(character) ?? "?")
            }
        }
        return out
    }

    /// The one ASCII character that stands for `character` in a single cell.
    public static func cell(_ character: Character) -> Character { cells(character, width: 1)[0] }

    /// Exactly `width` ASCII characters standing for one character.
    static func cells(_ character: Character, width: Int) -> [Character] {
        if character.isASCII { return [character] + Array(repeating: " ", count: max(0, width - 1)) }
        let replacement = cellTable[character] ?? lineTable[character] ?? table[character].flatMap(\.first) ?? base(character) ?? "?"
        return [replacement] + Array(repeating: "?", count: max(0, width - 1))
    }

    /// The ASCII letter under a diacritic (`é` → `e`), if there is one.
    private static func base(_ character: Character) -> Character? {
        let decomposed = String(character).decomposedStringWithCanonicalMapping
        guard let first = decomposed.unicodeScalars.first, first.isASCII else { return nil }
        return Character(first)
    }
}
