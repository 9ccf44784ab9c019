import CNcursesBridge
import PortolanRender

/// How a cell's character reaches a terminal that is not in a UTF-8 locale.
public enum TerminalGlyph: Hashable, Sendable {
    /// A plain character (ASCII, or any character in a UTF-8 locale).
    case character(Character)
    /// A character of the terminal's line-drawing set (PT_ACS_*).
    case lineDrawing(Int32)
}

/// Maps canvas characters to what the terminal can show: itself under UTF-8, otherwise the alternate
/// character set for box drawing and ASCII for the rest. Dashed (UDP) lines stay distinct from solid ones.
public struct LineDrawing: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        case unicode, alternateSet, ascii
    }

    public let mode: Mode

    public init(mode: Mode) { self.mode = mode }

    public func glyph(_ character: Character) -> TerminalGlyph {
        if mode == .unicode || character.isASCII { return .character(character) }
        if mode == .alternateSet, let acs = Self.acs[character] { return .lineDrawing(acs) }
        if let ascii = Self.ascii[character] { return .character(ascii) }
        return .character(ASCIIFold.string(String(character)).first ?? "?")
    }

    private static let acs: [Character: Int32] = {
        var table: [Character: Int32] = [:]
        let groups: [(String, Int32)] = [
            ("─━═", Int32(PT_ACS_HLINE)), ("│┃║", Int32(PT_ACS_VLINE)), ("┌┏╔╭", Int32(PT_ACS_ULCORNER)),
            ("┐┓╗╮", Int32(PT_ACS_URCORNER)), ("└┗╚╰", Int32(PT_ACS_LLCORNER)), ("┘┛╝╯", Int32(PT_ACS_LRCORNER)),
            ("├┣╠", Int32(PT_ACS_LTEE)), ("┤┫╣", Int32(PT_ACS_RTEE)), ("┬┳╦", Int32(PT_ACS_TTEE)), ("┴┻╩", Int32(PT_ACS_BTEE)),
            ("┼╋╬", Int32(PT_ACS_PLUS)), ("▶►", Int32(PT_ACS_RARROW)), ("◀◄", Int32(PT_ACS_LARROW)),
            ("▲", Int32(PT_ACS_UARROW)), ("▼", Int32(PT_ACS_DARROW)), ("•·", Int32(PT_ACS_BULLET)),
        ]
        for (characters, value) in groups { for c in characters { table[c] = value } }
        return table
    }()

    /// ASCII stand-ins that keep line kinds apart: dashed lines stay dashed.
    private static let ascii: [Character: Character] = [
        "─": "-", "━": "=", "═": "=", "│": "|", "┃": "#", "║": "!", "┄": ".", "┆": ":", "≈": "~", "≀": "~",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "┏": "+", "┓": "+", "┗": "+", "┛": "+", "╔": "+", "╗": "+", "╚": "+",
        "╝": "+", "╭": "+", "╮": "+", "╰": "+", "╯": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "▶": ">", "◀": "<", "▲": "^", "▼": "v", "…": "~", "→": ">", "▁": "_", "▂": ".", "▃": "-", "▄": "~",
        "▅": "=", "▆": "+", "▇": "*", "█": "#", "▸": ">",
    ]
}
