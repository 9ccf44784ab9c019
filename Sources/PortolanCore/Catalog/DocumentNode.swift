/// A parsed YAML document as a tree: scalars (with whether they were written plain), lists and mappings,
/// each with where it starts in its file.
///
/// User files are parsed by Yams and converted to this; the built-in packs are parsed at build time by
/// `PackEmbedder` and compiled in as `serialized` text, so that start-up parses no YAML.
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

    /// The separator between two nodes of the serialized form.
    static let recordSeparator: Character = "\u{1E}"
    /// The separator between the fields of one node.
    static let fieldSeparator: Character = "\u{1F}"

    /// Reads the serialized form `PackEmbedder` writes: the nodes in pre-order, separated by U+001E, each
    /// `KIND U+001F LINE U+001F COLUMN U+001F CHILDREN U+001F TEXT` with KIND `s` (plain scalar), `q` (other
    /// scalar), `S` (sequence) or `M` (mapping; CHILDREN counts keys and values). `nil` if it is malformed.
    public init?(serialized: String) {
        var records = serialized.split(separator: Self.recordSeparator, omittingEmptySubsequences: false)[...]
        guard let root = Self.take(&records), records.isEmpty else { return nil }
        self = root
    }

    private static func take(_ records: inout ArraySlice<Substring>) -> DocumentNode? {
        guard let record = records.popFirst() else { return nil }
        let fields = record.split(separator: fieldSeparator, maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count == 5, let line = Int(fields[1]), let column = Int(fields[2]), let count = Int(fields[3]) else {
            return nil
        }
        let mark = Mark(line: line, column: column)
        switch fields[0] {
        case "s", "q":
            return .scalar(String(fields[4]), plain: fields[0] == "s", mark: mark)
        case "S":
            var items: [DocumentNode] = []
            for _ in 0..<count {
                guard let item = take(&records) else { return nil }
                items.append(item)
            }
            return .sequence(items, mark: mark)
        case "M":
            guard count % 2 == 0 else { return nil }
            var pairs: [(DocumentNode, DocumentNode)] = []
            for _ in 0..<(count / 2) {
                guard let key = take(&records), let value = take(&records) else { return nil }
                pairs.append((key, value))
            }
            return .mapping(pairs, mark: mark)
        default:
            return nil
        }
    }
}
