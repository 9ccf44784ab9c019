import PortolanCore
import PortolanLayout

/// A character of a terminal's line-drawing (alternate) character set, by its curses name (ACS_*).
public enum LineDrawingCharacter: Hashable, Sendable, CaseIterable {
    case hline, vline, ulcorner, urcorner, llcorner, lrcorner, ltee, rtee, ttee, btee, plus
    case rarrow, larrow, uarrow, darrow
    /// The checker board (ACS_CKBOARD): the DMZ frame's shade.
    case board
}

/// What a terminal is sent for one cell: a character, or a character of its line-drawing set.
public enum TerminalGlyph: Hashable, Sendable {
    case character(Character)
    case lineDrawing(LineDrawingCharacter)
}

/// How a terminal can draw lines: UTF-8, the line-drawing set of a terminal without UTF-8, or neither.
public enum TerminalCharset: Hashable, Sendable {
    case unicode, lineDrawing, ascii
}

extension GlyphTable {
    /// What the terminal draws for `cell`: line cells from the table of its own charset (ASCII mode draws
    /// exactly what `export --format ascii` draws), text folded to 7 bits where the terminal has no UTF-8.
    public static func terminal(_ cell: Cell, _ charset: TerminalCharset) -> TerminalGlyph {
        switch (charset, cell.line) {
        case (.unicode, _): .character(cell.character)
        case let (.ascii, piece?): .character(GlyphTable(.ascii).character(piece))
        case let (.lineDrawing, piece?): lineDrawing(piece)
        case (.ascii, nil), (.lineDrawing, nil): .character(ASCIIFold.cell(cell.character))
        }
    }

    /// The line-drawing table: the set has one solid line, so it draws the solid kinds (TCP, boxes,
    /// panes) and every corner, T, crossing and head; straight runs of the other link kinds keep their
    /// ASCII look (UDP `.` `:`, DBMS `=` `H`, HTTPS `~` `!`, COM `*`) so that kinds stay apart. The DMZ
    /// frame is the checker board, as its unicode shade.
    public static func lineDrawing(_ piece: LinePiece) -> TerminalGlyph {
        if piece.style == .boundary { return .lineDrawing(.board) }
        let solid: Bool = switch piece.style {
        case .link(.tcp), .box, .pane: true
        case .link, .boundary: false
        }
        switch piece.shape {
        case .horizontal where !solid, .vertical where !solid: return .character(GlyphTable(.ascii).character(piece))
        case .horizontal: return .lineDrawing(.hline)
        case .vertical: return .lineDrawing(.vline)
        case .downRight: return .lineDrawing(.ulcorner)
        case .downLeft: return .lineDrawing(.urcorner)
        case .upRight: return .lineDrawing(.llcorner)
        case .upLeft: return .lineDrawing(.lrcorner)
        case .cross: return .lineDrawing(.plus)
        case .tee(missing: .up): return .lineDrawing(.ttee)
        case .tee(missing: .down): return .lineDrawing(.btee)
        case .tee(missing: .left): return .lineDrawing(.ltee)
        case .tee(missing: .right): return .lineDrawing(.rtee)
        case .head(.right): return .lineDrawing(.rarrow)
        case .head(.left): return .lineDrawing(.larrow)
        case .head(.up): return .lineDrawing(.uarrow)
        case .head(.down): return .lineDrawing(.darrow)
        }
    }
}
