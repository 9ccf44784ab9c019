import CNcursesBridge
import PortolanRender

/// Sends canvas cells to the terminal in its charset: `GlyphTable.terminal` decides the glyph from the
/// cell's typed line piece; this only names the curses constant of a line-drawing character.
public struct LineDrawing: Sendable, Hashable {
    public let mode: TerminalCharset

    public init(mode: TerminalCharset) { self.mode = mode }

    /// What to send for `cell`.
    public func glyph(_ cell: Cell) -> TerminalGlyph { GlyphTable.terminal(cell, mode) }

    /// The bridge's number (PT_ACS_*) of a line-drawing character.
    public static func code(_ character: LineDrawingCharacter) -> Int32 {
        switch character {
        case .hline: Int32(PT_ACS_HLINE)
        case .vline: Int32(PT_ACS_VLINE)
        case .ulcorner: Int32(PT_ACS_ULCORNER)
        case .urcorner: Int32(PT_ACS_URCORNER)
        case .llcorner: Int32(PT_ACS_LLCORNER)
        case .lrcorner: Int32(PT_ACS_LRCORNER)
        case .ltee: Int32(PT_ACS_LTEE)
        case .rtee: Int32(PT_ACS_RTEE)
        case .ttee: Int32(PT_ACS_TTEE)
        case .btee: Int32(PT_ACS_BTEE)
        case .plus: Int32(PT_ACS_PLUS)
        case .rarrow: Int32(PT_ACS_RARROW)
        case .larrow: Int32(PT_ACS_LARROW)
        case .uarrow: Int32(PT_ACS_UARROW)
        case .darrow: Int32(PT_ACS_DARROW)
        case .board: Int32(PT_ACS_CKBOARD)
        }
    }
}
