import PortolanCore
import PortolanLayout
import Testing

@testable import PortolanRender

/// The text formats over every built-in schema: equal widths, 7-bit ASCII, widths within the limits.
@Suite struct TextOutputTests {
    static let schemas: [Schema] = Catalog.builtin().schemas

    @Test(arguments: schemas.map(\.id), Charset.allCases)
    func everyLineHasTheSameDisplayWidth(_ id: SchemaID, _ charset: Charset) throws {
        let schema = try #require(Self.schemas.first { $0.id == id })
        let diagram = try DiagramLayout.make(schema)
        let text = TextExport.render(diagram, charset: charset, legend: true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let widths = Set(lines.map { DisplayWidth.of(String($0)) })
        #expect(widths.count == 1, "widths: \(widths.sorted())")
        let limit = DiagramLayout.defaultWidth(for: schema.kind)
        #expect((widths.first ?? 0) <= limit)
        if charset == .ascii { #expect(text.unicodeScalars.allSatisfy { $0.value < 128 }) }
    }

    @Test(arguments: schemas.map(\.id))
    func everyArrowIsInTheNumberedList(_ id: SchemaID) throws {
        let schema = try #require(Self.schemas.first { $0.id == id })
        let text = TextExport.render(try DiagramLayout.make(schema), charset: .unicode)
        let list = text.components(after: "Arrows (from the side")
        for connection in schema.connections {
            let from = schema.role(connection.initiator)?.label ?? ""
            #expect(list.contains("[\(connection.label)] \(from) → "), "arrow \(connection.label) from \(from)")
        }
    }

    /// The figure's lines carry what the model says: each route's arrowhead, each label, each box's kind tag.
    @Test func theFigureShowsHeadsLabelsAndBoxes() throws {
        let schema = try #require(Self.schemas.first { $0.id == "ksc13-lan" })
        let diagram = try DiagramLayout.make(schema)
        let canvas = DiagramCanvas.draw(diagram, charset: .unicode)
        let glyphs = GlyphTable(.unicode)
        for route in diagram.routes {
            let head = try #require(route.cells.last)
            #expect(canvas[head.x, head.y].character == glyphs.head(route.endSide))
        }
        for label in diagram.labels {
            let row = canvas.lines()[label.rect.y]
            #expect(row.contains(label.lines[0].description))
        }
        let text = canvas.lines().joined(separator: "\n")
        for box in diagram.boxes { #expect(text.contains(box.kindTag.text)) }
        #expect(text.contains("┄"), "UDP routes are dashed")
        #expect(text.contains("━"), "the DBMS transport is heavy")
        #expect(text.contains("≈≈ COM invoke [7]"), "COM invoke sits inside the box")
    }

    /// The DMZ frame is a shaded band (`░`, ASCII `#`) that no route line looks like; routes cross it.
    @Test func theDMZFrameIsAShadedBand() throws {
        let schema = try #require(Self.schemas.first { $0.zonesUsed.contains(.dmz) })
        let diagram = try DiagramLayout.make(schema)
        let zone = try #require(diagram.zones.first { $0.zone == .dmz })
        let unicode = DiagramCanvas.draw(diagram, charset: .unicode), ascii = DiagramCanvas.draw(diagram, charset: .ascii)
        let lines = Set(diagram.routes.flatMap(\.cells))
        let frame = zone.rect.cells.filter { !zone.rect.interiorContains($0) }
        let title = CellRect(x: zone.titleAt.x - 1, y: zone.titleAt.y, width: Width.of(zone.title) + 2, height: 1)
        for cell in frame where !lines.contains(cell) && !title.contains(cell) {
            #expect(unicode[cell.x, cell.y].character == "░", "\(cell)")
            #expect(ascii[cell.x, cell.y].character == "#", "\(cell)")
        }
        #expect(unicode.lines().joined().contains("░░ DMZ ░░"))
    }

    @Test func narrowerWidthsAreHonouredOrRefused() throws {
        let schema = try #require(Self.schemas.first { $0.id == "ksc13-lan" })
        let diagram = try DiagramLayout.make(schema, width: 120)
        #expect(diagram.width <= 120)
        #expect(DiagramCheck.violations(diagram) == [])
        #expect(throws: LayoutError.self) { try DiagramLayout.make(schema, width: 30) }
    }
}

extension Schema {
    var zonesUsed: Set<Zone> { Set(roles.map(\.zone)) }
}

extension String {
    /// The text after the first occurrence of `marker` (empty if absent).
    func components(after marker: String) -> String {
        guard let range = range(of: marker) else { return "" }
        return String(self[range.upperBound...])
    }
}
