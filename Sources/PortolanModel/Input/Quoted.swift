/// A value from an input file as an error message shows it: in single quotes, cut to `limit`
/// characters (the middle replaced by `…`), control characters written as escapes.
///
/// Messages quote what the user wrote so that it can be found; a key of 200,000 characters or a line
/// of a wrong file must not be printed whole.
public func quoted(_ value: some CustomStringConvertible, limit: Int = 48) -> String {
    let text = value.description
    var shown = text
    if text.utf8.count > limit, text.prefix(limit + 1).count > limit {
        let half = max(limit / 2 - 1, 1)
        shown = String(text.prefix(half)) + "…" + String(text.suffix(half))
    }
    if shown.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        shown = shown.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined()
    }
    return "'" + shown + "'"
}
