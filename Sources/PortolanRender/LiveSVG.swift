import PortolanCore
import PortolanLayout

/// The live states in an SVG figure: the theme's colour of each state for lines and heads, labels drawn as
/// badges (the state's colour as frame and tint, dark text, the state's mark in front) and a legend of the
/// states present below the figure.
///
/// The dashboard's themes are made for terminals, many of them dark: a state's colour as text on white
/// paper can be unreadable (the ksc theme's bright green), so labels keep dark text on a tint of the
/// colour, and the legend shows the same sample line and badge beside each word.
struct LiveSVG {
    var states: ArrowStates
    var theme: Theme

    /// The id of a state's arrow head marker (`live-open-filtered`).
    static func id(_ health: LinkHealth) -> String {
        "live-" + health.rawValue.replacingOccurrences(of: "|", with: "-")
    }

    /// A state's colour: the theme's foreground for `health.WORD`, else a fixed one (themes such as `mono`
    /// mark states by attributes only).
    func colour(_ health: LinkHealth) -> String {
        if let rgb = theme.appearance(.health(health)).foreground { return rgb.description }
        return switch health {
        case .unknown: "#808080"
        case .asDocumented: "#008700"
        case .openFiltered: "#5f87d7"
        case .tlsProblem: "#af8700"
        case .filtered: "#8700af"
        case .closed: "#d70000"
        case .error: "#d700d7"
        }
    }

    /// The worst state of a route's arrows; nil when none has a port.
    func worst(_ route: Route) -> LinkHealth? { route.arrows.compactMap { states($0) }.max() }

    /// The state a label line shows: the worst of the arrows it stands for (as the dashboard colours it).
    func state(ofLine line: String, row: Int, route: Route, lines: Int) -> LinkHealth? {
        LiveColouring.segments(line, row: row, arrows: route.arrows, lines: lines)
            .flatMap(\.arrows).compactMap { states($0) }.max()
    }

    /// A label line as a badge: the mark, then the text, on a tint of the state's colour.
    func badge(_ line: String, _ health: LinkHealth, at point: CellPoint) -> String {
        let text = "\(health.mark(unicode: true)) \(line)"
        let x = point.x - 2
        let r = SVGExport.rect(CellRect(x: x, y: point.y, width: DisplayWidth.of(text), height: 1), centred: false)
        let colour = colour(health)
        return "<g class=\"live\" data-state=\"\(SVGExport.escape(health.rawValue))\">"
            + "<rect x=\"\(SVGExport.n(r.x))\" y=\"\(SVGExport.n(r.y))\" width=\"\(SVGExport.n(r.w))\" height=\"\(SVGExport.n(r.h))\" rx=\"3\" fill=\"\(colour)\" fill-opacity=\"0.25\" stroke=\"\(colour)\"/>"
            + SVGExport.text(text, at: CellPoint(x: x, y: point.y), extra: " fill=\"#000000\"") + "</g>"
    }

    /// Rows the legend takes below the figure: a blank row, its title and one row per state present.
    var legendRows: Int { 2 + states.counts.count }

    /// The columns the legend needs.
    var legendWidth: Int {
        27 + (states.counts.map { DisplayWidth.of("\($0.count) arrows: \($0.health.meaning)") }.max() ?? 0)
    }

    /// The legend from figure row `y`: each state present with a sample line, its badge, how many arrows
    /// are in it and what it means.
    func legend(y: Int) -> String {
        var out = "<g class=\"legend\">" + SVGExport.text("Live states", at: CellPoint(x: 1, y: y), extra: " font-weight=\"bold\"")
        for (row, entry) in states.counts.enumerated() {
            let line = y + 1 + row
            let centre = (Double(line + SVGExport.top) + 0.5) * SVGExport.cellHeight
            out += "<line x1=\"\(SVGExport.n(1 * SVGExport.cellWidth))\" y1=\"\(SVGExport.n(centre))\" x2=\"\(SVGExport.n(6 * SVGExport.cellWidth))\" y2=\"\(SVGExport.n(centre))\" stroke=\"\(colour(entry.health))\" stroke-width=\"2.5\" marker-end=\"url(#head-\(Self.id(entry.health)))\"/>"
            out += badge(entry.health.rawValue, entry.health, at: CellPoint(x: 10, y: line))
            let noun = entry.count == 1 ? "arrow" : "arrows"
            out += SVGExport.text("\(entry.count) \(noun): \(entry.health.meaning)", at: CellPoint(x: 26, y: line), extra: " fill=\"#333333\"")
        }
        return out + "</g>\n"
    }
}
