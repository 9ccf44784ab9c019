import Yams

/// Bounds on what a YAML document may expand to once aliases and merge keys (`<<: [*a, *b]`) are
/// followed, so that an alias or merge-key bomb is an error at once instead of minutes of CPU time.
///
/// Yams shares the node an alias points to, so a bomb costs little until something walks it; the
/// readers do walk merge keys (to copy their keys), so every document is measured first, counting each
/// node as often as it would be walked and stopping at the first node past a bound.
public struct YAMLLimits {
    /// The most nodes a document may expand to: a topology listing 50,000 hosts one per line is ~50,000.
    public static let maximumNodes = 200_000
    /// The deepest merge keys may nest (a merge of a mapping that itself merges, ...).
    public static let maximumMergeDepth = 8
    /// The deepest mappings and sequences may nest.
    public static let maximumNesting = 64

    private var nodes = 0

    /// Walks `root` and fails at the first node past a bound.
    mutating func check(_ root: Node, file: String, fallback: SourceLocation) throws(LocatedError) {
        try visit(root, depth: 0, merges: 0, merge: nil, file: file, fallback: fallback)
    }

    /// - Parameter merge: the outermost merge key on the path to `node`: the place in the file where
    ///   a bomb goes off (nodes below it are copies that carry the marks of their anchors).
    private mutating func visit(
        _ node: Node, depth: Int, merges: Int, merge: SourceLocation?, file: String, fallback: SourceLocation
    ) throws(LocatedError) {
        let here = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? fallback
        nodes += 1
        if nodes > Self.maximumNodes {
            throw LocatedError(
                at: merge ?? here, "the document expands to more than \(Self.maximumNodes) values (through aliases or merge keys)",
                hint: "an input this large is not a topology, pack, theme or keymap; check the aliases")
        }
        guard depth <= Self.maximumNesting else {
            throw LocatedError(at: here, "lists and mappings nest more than \(Self.maximumNesting) deep")
        }
        switch node {
        case .scalar, .alias: return
        case let .sequence(items):
            for item in items { try visit(item, depth: depth + 1, merges: merges, merge: merge, file: file, fallback: here) }
        case let .mapping(mapping):
            for (key, value) in mapping {
                try visit(key, depth: depth + 1, merges: merges, merge: merge, file: file, fallback: here)
                let isMerge = key.scalar?.string == "<<"
                let keyPlace = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? here
                if isMerge, merges + 1 > Self.maximumMergeDepth {
                    throw LocatedError(
                        at: merge ?? keyPlace, "merge keys ('<<') nest more than \(Self.maximumMergeDepth) deep",
                        hint: "merge a mapping that merges at most \(Self.maximumMergeDepth - 1) times in turn")
                }
                let outermost = merge ?? (isMerge ? keyPlace : nil)
                try visit(value, depth: depth + 1, merges: isMerge ? merges + 1 : merges, merge: outermost, file: file, fallback: here)
            }
        }
    }
}
