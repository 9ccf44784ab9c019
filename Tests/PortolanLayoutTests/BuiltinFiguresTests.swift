import PortolanCore
import PortolanFigures
import PortolanLayout
import Testing

/// The figures laid out at build time (`FigureEmbedder`, `BuiltinFigures`) are the figures the layout draws
/// now, and only an unchanged built-in schema at the default size gets one.
@Suite struct BuiltinFiguresTests {
    static let schemas: [Schema] = Catalog.builtin().schemas

    /// Each built-in schema's build-time figure equals a fresh `DiagramLayout.make` of it: a layout change that
    /// did not rebuild the figures, or a `DiagramCode` that loses a field, fails here.
    @Test(arguments: schemas.map(\.id))
    func theBuildTimeFigureIsTheFreshLayout(_ id: SchemaID) throws {
        let schema = try #require(Self.schemas.first { $0.id == id })
        let stored = try #require(BuiltinFigures.diagram(of: schema), "\(id) has no build-time figure")
        #expect(stored == (try DiagramLayout.make(schema)))
        #expect(try BuiltinFigures.layout(schema) == stored)
    }

    /// A schema with a built-in id but other content (a user's edited copy) is laid out as it is.
    @Test func aChangedSchemaIsLaidOutFresh() throws {
        var schema = try #require(Self.schemas.first { $0.id == "ksc13-lan" })
        let index = try #require(schema.roles.firstIndex { $0.id == "admin-server" })
        schema.roles[index].label = "Main administration server"
        #expect(BuiltinFigures.diagram(of: schema) == nil)
        let diagram = try BuiltinFigures.layout(schema)
        #expect(diagram == (try DiagramLayout.make(schema)))
        #expect(diagram.boxes.contains { box in box.lines.map(\.text).joined(separator: " ") == "Main administration server" })
    }

    /// A width, a height or a level is always laid out at run time, and `layoutAll` keeps the schemas' order
    /// when built-in and changed schemas mix.
    @Test func askedSizesAndMixedListsAreLaidOutAsAsked() throws {
        let lan = try #require(Self.schemas.first { $0.id == "ksc13-lan" })
        #expect(try BuiltinFigures.layout(lan, detail: .overview) == (try DiagramLayout.make(lan, detail: .overview)))
        #expect(try BuiltinFigures.layout(lan, width: 90) == (try DiagramLayout.make(lan, width: 90)))
        var changed = try #require(Self.schemas.first { $0.id == "ksc13-server-in-dmz" })
        changed.connections.removeLast()
        let mixed = [lan, changed, Self.schemas[Self.schemas.count - 1]]
        let all = try BuiltinFigures.layoutAll(mixed)
        #expect(all == (try DiagramLayout.makeAll(mixed)))
        #expect(all.map(\.schema.id) == mixed.map(\.id))
    }

    /// `DiagramCode` carries a figure that is not in the catalog (a synthetic topology) and refuses a text it did
    /// not write.
    @Test func theCodeRoundTripsAndRefusesOtherText() throws {
        let schema = SyntheticSchema.make(roles: 12, connections: 30, seed: 7)
        let diagram = try DiagramLayout.make(schema)
        let code = try #require(DiagramCode.encode(diagram))
        #expect(DiagramCode.decode(code, schema: DiagramLayout.canonical(schema)) == diagram)
        #expect(DiagramCode.decode("D\t10", schema: schema) == nil)
        #expect(DiagramCode.decode(code.replacingOccurrences(of: "\nR\t", with: "\nR\tx\t"), schema: schema) == nil)
        #expect(DiagramCode.decode("", schema: schema) == nil)
    }
}
