import PortolanApp
import PortolanCore
import PortolanFigures
import PortolanLayout

/// The dashboard's layouts with the build-time figures of unchanged built-in schemas at the default size
/// (`BuiltinFigures`); every other request is laid out by `DiagramLayout`.
public struct BuiltinFirstLayouts: SchemaLayouts {
    public init() {}

    public func diagram(_ schema: Schema, width: Int?, height: Int?, detail: DetailLevel?) throws(LayoutError) -> Diagram {
        try BuiltinFigures.layout(schema, width: width, height: height, detail: detail)
    }
}
