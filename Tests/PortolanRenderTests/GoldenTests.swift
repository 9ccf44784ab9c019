import PortolanCore
import PortolanLayout
import PortolanRender
import Testing

/// Every built-in schema in ascii and unicode at its default level, in unicode at every level, and a
/// selection in svg, dot, mermaid and markdown.
@Suite struct GoldenTests {
    static let schemas: [Schema] = Catalog.builtin().schemas
    /// One deployment figure with a DMZ, one with the LAN only, and a component figure.
    static let selection: [SchemaID] = ["ksc13-lan", "ksc13-server-in-dmz", "ksc13-hierarchy-dmz"]
    static let selectionFormats: [ExportFormat] = [.svg, .dot, .mermaid, .markdown]

    static func name(_ id: SchemaID, _ format: ExportFormat) -> String {
        "\(id).\(format.rawValue).\(format.fileExtension)"
    }

    @Test(arguments: schemas.map(\.id), [ExportFormat.ascii, .unicode])
    func textFigures(_ id: SchemaID, _ format: ExportFormat) throws {
        let schema = try #require(Self.schemas.first { $0.id == id })
        golden.check(try Exporter().render(try DiagramLayout.make(schema), as: format), Self.name(id, format))
    }

    static func name(_ id: SchemaID, _ level: DetailLevel) -> String { "\(id).\(level.rawValue).unicode.txt" }

    /// Every level of every schema, which must also pass the invariant checker.
    @Test(arguments: schemas.map(\.id), DetailLevel.allCases)
    func levels(_ id: SchemaID, _ level: DetailLevel) throws {
        let schema = try #require(Self.schemas.first { $0.id == id })
        let diagram = try DiagramLayout.make(schema, detail: level)
        #expect(diagram.detail == level)
        #expect(DiagramCheck.violations(diagram) == [])
        golden.check(try Exporter().render(diagram, as: .unicode), Self.name(id, level))
    }

    @Test(arguments: selection, selectionFormats)
    func otherFormats(_ id: SchemaID, _ format: ExportFormat) throws {
        let schema = try #require(Self.schemas.first { $0.id == id }, "the selection names a schema the catalog lacks")
        golden.check(try Exporter().render(try DiagramLayout.make(schema), as: format), Self.name(id, format))
    }

    /// A golden file for a schema or format that no longer exists would never be checked.
    @Test func noStaleGoldenFiles() {
        var expected = Set(Self.schemas.flatMap { schema in [ExportFormat.ascii, .unicode].map { Self.name(schema.id, $0) } })
        for schema in Self.schemas { for level in DetailLevel.allCases { expected.insert(Self.name(schema.id, level)) } }
        for id in Self.selection { for format in Self.selectionFormats { expected.insert(Self.name(id, format)) } }
        expected.formUnion(RuleFormatTests.goldenNames)
        expected.formUnion(ReportTests.goldenNames)
        let stale = golden.files.filter { !expected.contains($0) }
        #expect(stale == [], "remove these golden files: \(stale)")
    }
}
