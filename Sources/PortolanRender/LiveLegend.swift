import PortolanCore
import PortolanLayout

/// The legend of live states below an exported figure (ANSI, text, Markdown report): each state present
/// with a sample line, its mark and word, how many arrows are in it and what it means; the same words
/// and marks as the dashboard's legend strip.
public enum LiveLegend {
    /// One entry's text, without the sample line: `✓ as-documented  9 arrows: answers as the documents say`.
    public static func entry(_ health: LinkHealth, count: Int, unicode: Bool) -> String {
        let word = "\(health.mark(unicode: unicode)) \(health.rawValue)".padding(toLength: 16, withPad: " ", startingAt: 0)
        return "\(word)\(count) \(count == 1 ? "arrow" : "arrows"): \(health.meaning)"
    }

    /// The columns the legend needs.
    public static func width(_ states: ArrowStates) -> Int {
        7 + (states.counts.map { DisplayWidth.of(entry($0.health, count: $0.count, unicode: true)) }.max() ?? 0)
    }

    /// The legend as a canvas of `width` columns: a title row, then a styled row per state present.
    public static func canvas(_ states: ArrowStates, charset: Charset, width: Int) -> Canvas {
        let counts = states.counts
        var canvas = Canvas(width: max(width, Self.width(states)), height: 1 + counts.count)
        canvas.write("Live states", x: 0, y: 0, style: .title, charset: charset)
        let horizontal = GlyphTable(charset).lines(.tcp).horizontal
        for (row, entry) in counts.enumerated() {
            let sample = String(repeating: horizontal, count: 4)
            canvas.write("  \(sample) " + Self.entry(entry.health, count: entry.count, unicode: charset == .unicode), x: 0, y: row + 1, style: .health(entry.health), charset: charset)
        }
        return canvas
    }
}
