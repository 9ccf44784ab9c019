/// A parsed YAML document as a tree: scalars (with whether they were written plain), lists and mappings,
/// each with where it starts in its file.
///
/// Files are parsed by Yams and converted to this (see `YAMLNode.parse`), after `YAMLLimits` has measured them.
public indirect enum DocumentNode: Sendable {
    case scalar(String, plain: Bool, mark: Mark?)
    case sequence([DocumentNode], mark: Mark?)
    case mapping([(DocumentNode, DocumentNode)], mark: Mark?)

    /// A line and a column, both from 1.
    public struct Mark: Hashable, Sendable {
        public var line: Int
        public var column: Int
    }

    public var mark: Mark? {
        switch self {
        case let .scalar(_, _, mark), let .sequence(_, mark), let .mapping(_, mark): mark
        }
    }

    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}
