import PortolanCore
import PortolanLayout

/// SVG output: real rectangles, polylines and text from the diagram's geometry, coloured after the
/// documents' conventions for paper (a white background), whatever the terminal theme.
public enum SVGExport {
    static let cellWidth = 8.0
    static let cellHeight = 16.0
    /// Rows above the figure for the title.
    static let top = 2

    /// The figure as a standalone SVG document.
    ///
    /// - Parameters:
    ///   - states: the arrows' live states: routes and labels take their state's colour from `theme` (a
    ///     shared line the worse of its arrows, each label its own, with its mark) and a legend of the
    ///     states present is drawn below the figure; nil for the documents' colours only.
    ///   - theme: where the live colours come from (the dashboard's current theme).
    public static func render(_ diagram: Diagram, states: ArrowStates? = nil, theme: Theme = .ksc) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(diagram, states: states, theme: theme)
    }

    /// The `<svg>` element alone, for a document that holds it inline (the HTML report).
    public static func element(_ diagram: Diagram, states: ArrowStates? = nil, theme: Theme = .ksc) -> String {
        let live = states.map { LiveSVG(states: $0, theme: theme) }
        let legendRows = live?.legendRows ?? 0
        let columns = max(diagram.width, live?.legendWidth ?? 0)
        let width = Double(columns) * cellWidth, height = Double(diagram.height + top + legendRows) * cellHeight
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12">
            <title>\(escape(diagram.schema.title))</title>
            <defs>

            """
        for kind in LinkKind.allCases where kind != .com {
            out += marker("head-\(kind.rawValue)", colour: Paper.link(kind))
        }
        if let live {
            for health in LinkHealth.allCases { out += marker("head-\(LiveSVG.id(health))", colour: live.colour(health)) }
        }
        out += "</defs>\n<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        out += text(diagram.schema.title, at: CellPoint(x: 1, y: 0), extra: " font-weight=\"bold\" font-size=\"14\"", shift: 0)
        for zone in diagram.zones {
            let r = rect(zone.rect)
            if zone.framed {
                out += "<g class=\"zone\" data-zone=\"\(zone.zone.rawValue)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.w))\" height=\"\(n(r.h))\" rx=\"14\" fill=\"#fffdf0\" stroke=\"\(Paper.dmz)\" stroke-width=\"1.5\"/>"
            } else {
                out += "<g class=\"zone\" data-zone=\"\(zone.zone.rawValue)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.w))\" height=\"\(n(r.h))\" fill=\"#f7f7f7\" stroke=\"none\"/>"
            }
            out += text(zone.title, at: zone.titleAt, extra: " font-weight=\"bold\" fill=\"#555555\"") + "</g>\n"
        }
        for box in diagram.boxes {
            let r = rect(box.rect)
            out += "<g class=\"role\" data-role=\"\(escape(box.role.rawValue))\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.w))\" height=\"\(n(r.h))\" rx=\"4\" fill=\"\(Paper.fill(box.kind))\" stroke=\"\(Paper.stroke(box.kind))\" stroke-width=\"1.5\"/>"
            out += text(box.kindTag.text, at: box.kindTag.at, extra: " font-size=\"10\" fill=\"#444444\"", baseline: 0.3)
            for line in box.lines { out += text(line.text, at: line.at, extra: " font-weight=\"bold\"") }
            for process in box.processes {
                let p = rect(process.rect)
                out += "<rect x=\"\(n(p.x))\" y=\"\(n(p.y))\" width=\"\(n(p.w))\" height=\"\(n(p.h))\" fill=\"#ffffff\" stroke=\"#888888\"/>"
                out += text(process.title.text, at: process.title.at, extra: " font-size=\"10\" font-style=\"italic\"", baseline: 0.3)
                for port in process.ports { out += text(port.text, at: port.at, extra: " fill=\"#333333\"") }
            }
            out += "</g>\n"
        }
        for local in diagram.locals {
            let y = (Double(local.line.y + top) + 0.5) * cellHeight
            let x1 = Double(local.line.minX) * cellWidth, x2 = Double(local.line.maxX + 1) * cellWidth
            out += "<g class=\"com\"><line x1=\"\(n(x1))\" y1=\"\(n(y))\" x2=\"\(n(x2))\" y2=\"\(n(y))\" stroke=\"\(Paper.link(.com))\" stroke-width=\"3\"/>"
            out += text(local.text.text, at: local.text.at, extra: " fill=\"\(Paper.link(.com))\"") + "</g>\n"
        }
        // Live: the worse states drawn last, so that a shared line shows the worst of its arrows.
        let order = diagram.routes.indices.sorted { (live?.worst(diagram.routes[$0]) ?? .unknown) < (live?.worst(diagram.routes[$1]) ?? .unknown) }
        for index in live == nil ? Array(diagram.routes.indices) : order {
            out += polyline(diagram.routes[index], live: live)
        }
        for label in diagram.labels {
            let r = rect(label.rect, centred: false)
            let route = diagram.routes[label.route]
            out += "<g class=\"label\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.w))\" height=\"\(n(r.h))\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
            for (row, line) in label.lines.enumerated() {
                let at = CellPoint(x: label.rect.x, y: label.rect.y + row)
                if let live, let state = live.state(ofLine: line.description, row: row, route: route, lines: label.lines.count) {
                    out += live.badge(line.description, state, at: at)
                } else {
                    out += text(line.description, at: at, extra: "")
                }
            }
            out += "</g>\n"
        }
        if let live { out += live.legend(y: diagram.height + 1) }
        return out + "</svg>\n"
    }

    private static func marker(_ id: String, colour: String) -> String {
        """
        <marker id="\(id)" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="\(colour)"/></marker>

        """
    }

    private static func polyline(_ route: Route, live: LiveSVG?) -> String {
        guard let first = route.cells.first, let last = route.cells.last else { return "" }
        var corners = [first.moved(route.startSide)]
        for i in route.cells.indices.dropFirst().dropLast() {
            let a = route.cells[i - 1], b = route.cells[i + 1]
            if a.x != b.x && a.y != b.y { corners.append(route.cells[i]) }
        }
        if corners.count == 1 { corners.append(first) }
        corners.append(last)
        let tip = last.moved(route.endSide)
        let points = corners.map(centre) + [centre(tip)]
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        let dash = route.link == .udp ? " stroke-dasharray=\"5 4\"" : ""
        let width = route.link == .dbms ? "2.5" : "1.6"
        let labels = route.arrows.map(\.label.rawValue).joined(separator: " ")
        var stroke = Paper.link(route.link), head = route.link.rawValue, state = ""
        if let live, let worst = live.worst(route) {
            stroke = live.colour(worst)
            head = LiveSVG.id(worst)
            state = " data-state=\"\(escape(worst.rawValue))\""
        }
        return "<polyline class=\"route\" data-link=\"\(route.link.rawValue)\" data-labels=\"\(escape(labels))\"\(state) points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(live == nil ? width : "2.5")\"\(dash) marker-end=\"url(#head-\(head))\"/>\n"
    }

    private static func centre(_ p: CellPoint) -> (Double, Double) {
        ((Double(p.x) + 0.5) * cellWidth, (Double(p.y + top) + 0.5) * cellHeight)
    }

    /// A cell rectangle in pixels; `centred` runs the outline through the border cells' centres.
    static func rect(_ r: CellRect, centred: Bool = true) -> (x: Double, y: Double, w: Double, h: Double) {
        let inset = centred ? 0.5 : 0
        return (
            (Double(r.x) + inset) * cellWidth, (Double(r.y + top) + inset) * cellHeight,
            (Double(r.width) - 2 * inset) * cellWidth, (Double(r.height) - 2 * inset) * cellHeight
        )
    }

    /// Text at a cell; `baseline` is where in the cell's height the baseline falls (above a border: 0.3).
    static func text(_ value: String, at p: CellPoint, extra: String, shift: Int = top, baseline: Double = 0.75) -> String {
        let x = Double(p.x) * cellWidth, y = (Double(p.y + shift) + baseline) * cellHeight
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" xml:space=\"preserve\"\(extra)>\(escape(value))</text>"
    }

    /// A number without a needless `.0`.
    static func n(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : "\((value * 100).rounded() / 100)"
    }

    /// Escapes text for XML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// The documents' colours on paper, for SVG, DOT and Mermaid.
enum Paper {
    /// Steel blue, not the documents' gold: the live SVG's "tls-problem" amber (`LiveSVG.colour`) is
    /// ΔE2000 8 from that gold, and a DMZ frame must not read as a live state.
    static let dmz = "#005f87"

    static func link(_ kind: LinkKind) -> String {
        switch kind {
        case .tcp: "#707070"
        case .udp: "#b0b0b0"
        case .com: "#ff8c00"
        case .dbms: "#e75480"
        case .https: "#00a88e"
        }
    }

    static func fill(_ kind: RoleKind) -> String {
        switch kind {
        case .secondaryAdministrationServer: "#dbe9fb"
        case .clientDevice, .mobileDevice: "#e3f4fd"
        case .connectionGateway: "#fdf8d8"
        case .distributionPoint: "#dff3e6"
        case .dbms: "#fce4ee"
        case .kasperskyServers: "#dcf5f0"
        default: "#f2f2f2"
        }
    }

    static func stroke(_ kind: RoleKind) -> String {
        switch kind {
        case .secondaryAdministrationServer: "#3a78c9"
        case .clientDevice, .mobileDevice: "#4aa8dc"
        case .connectionGateway: "#c9b430"
        case .distributionPoint: "#2e9e5b"
        case .dbms: "#e75480"
        case .kasperskyServers: "#00a88e"
        default: "#8a8a8a"
        }
    }
}
