import PortolanCore
import PortolanLayout
import PortolanRender

/// The live legend at the start of the status bar: for each state present on the schema, its mark and
/// word in its own colours and how many arrows are in it (`✓ as-documented 9  ✗ closed 2`).
///
/// The counts are those of `LiveState.healthCounts(in:)`, the arrows the figure colours.
enum LegendStrip {
    /// The text of one state's entry.
    static func entry(_ health: LinkHealth, count: Int, charset: Charset) -> String {
        "\(health.mark(unicode: charset == .unicode)) \(health.rawValue) \(count)"
    }

    /// Draws the entries from `x`; returns the column after the last one drawn.
    static func draw(_ painter: inout Painter, _ counts: [(health: LinkHealth, count: Int)], x: Int, y: Int, width: Int, charset: Charset) -> Int {
        var column = x
        let end = x + width
        for (health, count) in counts {
            let text = entry(health, count: count, charset: charset)
            let needed = DisplayWidth.of(text)
            guard column + needed <= end else { break }
            painter.text(text, x: column, y: y, width: needed, style: .health(health))
            column += needed + 2
        }
        return column == x ? x : column - 1
    }
}
