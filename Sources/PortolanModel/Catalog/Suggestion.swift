/// "Did you mean" hints: the known name nearest to a mistyped one.
public enum Suggestion {
    /// The name in `names` nearest to `text` (by edit distance), if it is within `distance` edits or (with
    /// `containing`) one contains the other; `nil` if none is that close.
    ///
    /// Only texts of ordinary length get a guess: comparing a 200,000-character key with every allowed
    /// name would take seconds and could not be a typo anyway.
    public static func nearest(_ text: String, in names: [String], within distance: Int = 3, containing: Bool = true) -> String? {
        guard text.utf8.count <= lengthLimit else { return nil }
        let close = names.filter {
            editDistance($0, text) <= distance || containing && !text.isEmpty && ($0.contains(text) || text.contains($0))
        }
        return close.min { (editDistance($0, text), $0) < (editDistance($1, text), $1) }
    }

    /// The longest text (in bytes) that gets a "did you mean"; longer ones get none.
    public static let lengthLimit = 100

    /// Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
