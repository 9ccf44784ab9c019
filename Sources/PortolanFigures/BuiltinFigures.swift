import PortolanCore
import PortolanLayout
import PortolanPacks

/// The default figures of the built-in schemas, laid out at build time (`FigureEmbedder`): what `export ID`,
/// `probe --report` and the dashboard's first figure draw of an unchanged built-in schema, without laying it out.
///
/// A figure is used only when nothing but the default is asked (no width, height or level) and the schema
/// equals the built-in schema of its id; everything else is laid out by `DiagramLayout` as it comes.
/// `BuiltinFiguresTests` holds each build-time figure equal to a fresh `DiagramLayout.make`.
public enum BuiltinFigures {
    /// The build-time figure of `schema`, if it is a built-in schema as compiled in; `nil` otherwise.
    public static func diagram(of schema: Schema) -> Diagram? {
        guard let code = codes.first(where: { $0.id == schema.id.rawValue })?.code, builtin(schema.id) == schema else { return nil }
        return DiagramCode.decode(code, schema: DiagramLayout.canonical(schema))
    }

    /// As `DiagramLayout.make`, with the build-time figure of an unchanged built-in schema at the default size.
    ///
    /// - Throws: `LayoutError`, as `DiagramLayout.make`.
    public static func layout(
        _ schema: Schema, width: Int? = nil, height: Int? = nil, detail: DetailLevel? = nil
    ) throws(LayoutError) -> Diagram {
        if width == nil, height == nil, detail == nil, let diagram = diagram(of: schema) { return diagram }
        return try DiagramLayout.make(schema, width: width, height: height, detail: detail)
    }

    /// As `DiagramLayout.makeAll`, with the build-time figures of unchanged built-in schemas at the default
    /// size; the others are laid out together, in parallel.
    ///
    /// - Throws: `LayoutError`, as `DiagramLayout.makeAll`.
    public static func layoutAll(
        _ schemas: [Schema], width: Int? = nil, height: Int? = nil, detail: DetailLevel? = nil
    ) throws(LayoutError) -> [Diagram] {
        guard width == nil, height == nil, detail == nil else {
            return try DiagramLayout.makeAll(schemas, width: width, height: height, detail: detail)
        }
        let known = schemas.map(diagram(of:))
        let missing = schemas.indices.filter { known[$0] == nil }
        if missing.isEmpty { return known.compactMap { $0 } }
        var fresh = try DiagramLayout.makeAll(missing.map { schemas[$0] }).makeIterator()
        return known.compactMap { $0 ?? fresh.next() }
    }

    /// The built-in schema with this id.
    private static func builtin(_ id: SchemaID) -> Schema? {
        for pack in BuiltinPacks.all {
            if let schema = pack.schemas.first(where: { $0.id == id }) { return schema }
        }
        return nil
    }
}
