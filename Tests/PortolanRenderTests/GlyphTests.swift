import PortolanCore
import PortolanLayout
import Testing

@testable import PortolanRender

@Suite struct GlyphTests {
    @Test(arguments: Charset.allCases)
    func everyLinkKindLooksDifferent(_ charset: Charset) {
        let table = GlyphTable(charset)
        let runs = LinkKind.allCases.map { [table.lines($0).horizontal, table.lines($0).vertical] }
        #expect(Set(runs).count == LinkKind.allCases.count)
        let horizontals = LinkKind.allCases.map { table.lines($0).horizontal }
        #expect(Set(horizontals).count == LinkKind.allCases.count)
    }

    /// A route running beside the DMZ once read as its frame: no piece of the frame looks like any line's.
    @Test(arguments: Charset.allCases)
    func theZoneFrameLooksLikeNoLine(_ charset: Charset) {
        let table = GlyphTable(charset)
        let frame = table.boundary
        let frameCharacters: Set<Character> = [frame.horizontal, frame.vertical, frame.downRight, frame.downLeft, frame.upRight, frame.upLeft]
        var lineCharacters: Set<Character> = [table.crossing]
        for style in LinkKind.allCases.map({ LineStyle.link($0) }) + [.box] {
            let set = table.lines(style)
            lineCharacters.formUnion([set.horizontal, set.vertical, set.downRight, set.downLeft, set.upRight, set.upLeft])
            lineCharacters.formUnion(Direction.allCases.map { table.tee(style, missing: $0) })
        }
        #expect(frameCharacters.isDisjoint(with: lineCharacters), "\(frameCharacters.intersection(lineCharacters))")
    }

    @Test func asciiIsStrictly7Bit() {
        let table = GlyphTable(.ascii)
        var characters: [Character] = [table.crossing]
        for kind in LinkKind.allCases {
            let set = table.lines(kind)
            characters += [set.horizontal, set.vertical, set.downLeft, set.downRight, set.upLeft, set.upRight]
        }
        characters += Direction.allCases.map { table.head($0) } + Direction.allCases.map { table.tee(.box, missing: $0) }
        characters += [table.box.horizontal, table.boundary.downRight, table.boundary.upLeft]
        #expect(characters.allSatisfy { $0.isASCII })
        let heads: [Character] = Direction.allCases.map { table.head($0) }
        #expect(heads == ["^", "v", "<", ">"])
    }

    @Test func masksBecomeCorners() {
        let table = GlyphTable(.unicode)
        #expect(table.glyph(EdgeCell(mask: [.down, .right], link: .tcp)) == "┌")
        #expect(table.glyph(EdgeCell(mask: [.up, .left], link: .dbms)) == "┛")
        #expect(table.glyph(EdgeCell(mask: .horizontal, link: .udp)) == "┄")
        #expect(table.glyph(EdgeCell(mask: .vertical, link: .https)) == "║")
        #expect(table.glyph(EdgeCell(mask: [.up, .down, .left, .right], link: .tcp, crossing: .udp)) == "┼")
        #expect(table.glyph(EdgeCell(mask: .horizontal, link: .tcp, head: .right)) == "▶")
    }

    @Test func theLegendShowsSamplesFromTheGlyphTables() throws {
        let text = LegendView(conventions: Catalog.builtin().conventions).render()
        for kind in LinkKind.allCases {
            #expect(text.contains(GlyphTable(.unicode).sample(kind)))
            #expect(text.contains(GlyphTable(.ascii).sample(kind)))
        }
        #expect(text.contains("░░ DMZ ░░"))
    }

    @Test func asciiFoldingKeepsWidths() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.write("é→日x", x: 0, y: 0, style: .text, charset: .ascii)
        #expect(canvas.lines() == ["e>??x     "])
        var wide = Canvas(width: 6, height: 1)
        wide.write("日本", x: 0, y: 0, style: .text, charset: .unicode)
        #expect(wide.lines() == ["日本  "])
    }
}
