import PortolanCore
import PortolanLayout
import Testing

@testable import PortolanRender

/// The terminal draws line cells from their typed pieces, per charset: never by reading back another
/// charset's characters.
@Suite struct TerminalGlyphTests {
    static let schemas = Catalog.builtin().schemas

    /// The rows a terminal in `charset` shows for a canvas (continuation cells print nothing).
    static func shown(_ canvas: Canvas, _ charset: TerminalCharset) -> [String] {
        (0..<canvas.height).map { y in
            var line = ""
            for x in 0..<canvas.width where !canvas[x, y].isContinuation {
                switch GlyphTable.terminal(canvas[x, y], charset) {
                case let .character(character): line.append(character)
                case .lineDrawing: line.append("#")
                }
            }
            return line
        }
    }

    /// The dashboard's canvas is unicode; in an ASCII terminal it shows what `export --format ascii` prints.
    @Test(arguments: schemas.map(\.id))
    func asciiTerminalDrawsTheAsciiExport(_ id: SchemaID) throws {
        let schema = try #require(Self.schemas.first { $0.id == id })
        let diagram = try DiagramLayout.make(schema)
        #expect(Self.shown(DiagramCanvas.draw(diagram, charset: .unicode), .ascii) == DiagramCanvas.draw(diagram, charset: .ascii).lines())
    }

    @Test func eachKindKeepsItsOwnAsciiLook() {
        func ascii(_ style: LineStyle, _ shape: LineShape) -> TerminalGlyph {
            let unicode = GlyphTable(.unicode).character(LinePiece(style, shape))
            return GlyphTable.terminal(Cell(unicode, line: LinePiece(style, shape)), .ascii)
        }
        // Once the terminal mapped characters back: HTTPS "═" became "=" (DBMS) and COM "≈" became "~" (HTTPS).
        #expect(ascii(.link(.https), .horizontal) == .character("~"))
        #expect(ascii(.link(.com), .horizontal) == .character("*"))
        #expect(ascii(.link(.dbms), .horizontal) == .character("="))
        #expect(ascii(.link(.udp), .vertical) == .character(":"))
        #expect(ascii(.boundary, .downRight) == .character("#"))
        #expect(ascii(.link(.dbms), .vertical) == .character("H"))
        #expect(ascii(.link(.tcp), .head(.left)) == .character("<"))
        #expect(ascii(.pane(focused: true), .horizontal) == .character("="))
    }

    @Test func lineDrawingKeepsKindsApart() {
        #expect(GlyphTable.lineDrawing(LinePiece(.link(.tcp), .horizontal)) == .lineDrawing(.hline))
        #expect(GlyphTable.lineDrawing(LinePiece(.box, .vertical)) == .lineDrawing(.vline))
        #expect(GlyphTable.lineDrawing(LinePiece(.link(.dbms), .upLeft)) == .lineDrawing(.lrcorner))
        #expect(GlyphTable.lineDrawing(LinePiece(.box, .tee(missing: .down))) == .lineDrawing(.btee))
        #expect(GlyphTable.lineDrawing(LinePiece(.link(.https), .head(.down))) == .lineDrawing(.darrow))
        #expect(GlyphTable.lineDrawing(LinePiece(.boundary, .vertical)) == .lineDrawing(.board))
        let runs = LinkKind.allCases.map { GlyphTable.lineDrawing(LinePiece(.link($0), .horizontal)) }
        #expect(Set(runs).count == LinkKind.allCases.count, "\(runs)")
    }

    @Test func textFoldsToOneAsciiCell() {
        #expect(GlyphTable.terminal(Cell("é"), .ascii) == .character("e"))
        #expect(GlyphTable.terminal(Cell("…"), .lineDrawing) == .character("~"))
        #expect(GlyphTable.terminal(Cell("▃"), .ascii) == .character("-"))
        #expect(GlyphTable.terminal(Cell("═"), .ascii) == .character("~"), "a line character written as text folds as its piece")
        #expect(GlyphTable.terminal(Cell("═"), .unicode) == .character("═"))
    }

    /// Where the unicode table uses one character for several pieces, the ASCII table agrees on one.
    @Test func unicodeCharactersFoldUnambiguously() {
        var seen: [Character: Character] = [:]
        for piece in GlyphTable.allPieces where piece.style != .pane(focused: true) {
            let unicode = GlyphTable(.unicode).character(piece), ascii = GlyphTable(.ascii).character(piece)
            #expect(seen[unicode, default: ascii] == ascii, "\(piece)")
            seen[unicode] = ascii
        }
    }
}
