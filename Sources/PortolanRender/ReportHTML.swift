import PortolanCore
import PortolanLayout

/// A report as one self-contained HTML file: inline CSS, the figure as inline SVG in the arrows' live
/// colours, the legend and the arrows as tables. Nothing is fetched: no scripts, fonts, images or links
/// to elsewhere. Written as well-formed XML (polyglot HTML), so that an XML parser reads it too.
enum ReportHTML {
    static func render(_ report: Report) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>portolan report: \(e(report.topology))</title>
            <style>
            \(css(report))</style>
            </head>
            <body>
            <h1>portolan report: \(e(report.topology))</h1>
            <p class="origin">\(e(report.origin))</p>

            """
        if !report.vantageLines.isEmpty {
            out += "<p>Vantage points:</p>\n<ul class=\"vantages\">\n" + report.vantageLines.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        for section in report.sections { out += self.section(section, theme: report.theme) }
        return out + "</body>\n</html>\n"
    }

    private static func section(_ section: Report.Section, theme: Theme) -> String {
        let id = section.schema.id.rawValue
        var out = "<section id=\"\(e(id))\">\n<h2>\(e(section.schema.title)) <code>\(e(id))</code></h2>\n<h3>Problems</h3>\n"
        let problems = section.problems
        if problems.isEmpty {
            out += "<p class=\"none\">None: every probed arrow is as documented.</p>\n"
        } else {
            out += "<ul class=\"problems\">\n"
            for row in section.orderedRows.prefix(problems.count) {
                out += "<li>\(badge(row.health)) <b>[\(e(row.label))]</b> \(e(row.from)) → \(e(row.to)), \(e(row.target)): \(e(row.reason))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<h3>Figure</h3>\n<figure>\n" + SVGExport.element(section.diagram, states: section.states, theme: theme) + "</figure>\n"
        out += "<h3>Legend</h3>\n<table class=\"legend\">\n<tr><th>State</th><th>Arrows</th><th>Meaning</th></tr>\n"
        for entry in section.states.counts {
            out += "<tr><td>\(badge(entry.health))</td><td>\(entry.count)</td><td>\(e(entry.health.meaning))</td></tr>\n"
        }
        out += "</table>\n<h3>Arrows</h3>\n<table class=\"arrows\">\n<tr>"
        for title in ["#", "From → To", "Target", "Documented", "Observed", "TLS", "State", "Reason", "Probed from", "Certificate"] {
            out += "<th>\(e(title))</th>"
        }
        out += "</tr>\n"
        for row in section.orderedRows {
            out += "<tr class=\"\(row.isProblem ? "problem" : "ok")\"><td>\(e(row.label))</td><td>\(e(row.from)) → \(e(row.to))</td>"
            for text in [row.target, row.documented, row.observed, row.tls] { out += "<td>\(e(text))</td>" }
            out += "<td>\(badge(row.health))</td>"
            for text in [row.reason, row.vantage, row.certificate] { out += "<td>\(e(text))</td>" }
            out += "</tr>\n"
        }
        return out + "</table>\n</section>\n"
    }

    /// A state as the figure shows it: its mark and word in a badge of its colour (class `s-WORD`).
    private static func badge(_ health: LinkHealth?) -> String {
        guard let health else { return "-" }
        return "<span class=\"state \(cssClass(health))\">\(health.mark(unicode: true)) \(e(health.rawValue))</span>"
    }

    private static func cssClass(_ health: LinkHealth) -> String {
        "s-" + health.rawValue.replacingOccurrences(of: "|", with: "-")
    }

    private static func css(_ report: Report) -> String {
        let live = LiveSVG(states: ArrowStates(schema: "", health: [:]), theme: report.theme)
        var out = """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #202020; background: #ffffff; }
            code, td, .state { font-family: DejaVu Sans Mono, Menlo, Consolas, monospace; font-size: 0.9em; }
            figure { margin: 0; overflow-x: auto; }
            table { border-collapse: collapse; margin-bottom: 1em; }
            th, td { border: 1px solid #c8c8c8; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
            th { background: #eeeeee; }
            tr.problem td { background: #fff3f3; }
            .state { display: inline-block; padding: 0 0.4em; border: 1px solid; border-radius: 3px; white-space: nowrap; color: #000000; }

            """
        for health in LinkHealth.allCases {
            let colour = live.colour(health)
            out += ".\(cssClass(health)) { border-color: \(colour); background: \(colour)40; }\n"
        }
        return out
    }

    /// Escapes text for XML and HTML content and attributes.
    private static func e(_ text: String) -> String { SVGExport.escape(text) }
}
