import PortolanCore
import PortolanLayout

/// Plain text and ANSI output of a diagram: the figure, then the numbered list, every line the same width.
public enum TextExport {
    /// The width of the text: the figure's, but at least 72 columns (or `limit`, if narrower) for the list.
    public static func width(of diagram: Diagram, limit: Int?) -> Int {
        max(diagram.width, min(72, limit ?? 72))
    }

    /// The figure and the numbered list in `charset`; with a theme, styled with ANSI escapes.
    ///
    /// - Parameter states: the arrows' live states: the figure is painted as the dashboard paints it
    ///   (with each label's mark) and the live legend follows the list.
    public static func render(
        _ diagram: Diagram, charset: Charset, theme: Theme? = nil, legend: Bool = false, limit: Int? = nil, states: ArrowStates? = nil
    ) -> String {
        var width = width(of: diagram, limit: limit)
        if let states { width = max(width, LiveLegend.width(states)) }
        let title = LabelText.wrap("\(diagram.schema.title) (\(diagram.schema.id))", width: width)
        var canvas = Canvas(width: width, height: diagram.height + title.count + 1)
        var figure = DiagramCanvas.draw(diagram, charset: charset)
        if let states { LiveColouring.paint(&figure, diagram, states, unicode: charset == .unicode) }
        for (row, line) in title.enumerated() { canvas.write(line, x: 0, y: row, style: .text, charset: charset) }
        for y in 0..<figure.height {
            for x in 0..<figure.width { canvas[x, y + title.count + 1] = figure[x, y] }
        }
        var lines = theme.map { ANSI.lines(canvas, theme: $0) } ?? canvas.lines()
        lines.append(String(repeating: " ", count: width))
        lines += NumberedList.lines(diagram, width: width, charset: charset)
        if let states {
            let live = LiveLegend.canvas(states, charset: charset, width: width)
            lines.append(String(repeating: " ", count: width))
            lines += theme.map { ANSI.lines(live, theme: $0) } ?? live.lines()
        }
        if legend {
            lines.append(String(repeating: " ", count: width))
            lines += LegendView.glyphLines(charset: charset, width: width)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
