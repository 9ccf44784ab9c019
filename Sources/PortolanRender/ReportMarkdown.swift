import PortolanCore
import PortolanLayout

/// A report as Markdown: the figure as unicode text in a code block (the dashboard's marks beside the
/// labels), the legend and the arrows as tables.
enum ReportMarkdown {
    static func render(_ report: Report) -> String {
        var out = "# portolan report: \(inline(report.topology))\n\n\(inline(report.origin))\n"
        if !report.vantageLines.isEmpty {
            out += "\nVantage points:\n\n" + report.vantageLines.map { "- \(inline($0))\n" }.joined()
        }
        for section in report.sections { out += "\n" + self.section(section) }
        return out
    }

    private static func section(_ section: Report.Section) -> String {
        let problems = section.problems
        var out = "## \(inline(section.schema.title)) (`\(section.schema.id)`)\n\n### Problems\n\n"
        if problems.isEmpty {
            out += "None: every probed arrow is as documented.\n"
        } else {
            for row in section.orderedRows.prefix(problems.count) {
                let mark = row.health.map { inline(String($0.mark(unicode: true))) + " " } ?? ""
                out += "- \(mark)**[\(row.label)]** \(inline(row.from)) → \(inline(row.to)), \(inline(row.target)): "
                    + "\(inline(row.health?.rawValue ?? "-")) (\(inline(row.reason)))\n"
            }
        }
        let figure = TextExport.render(section.diagram, charset: .unicode, states: section.states)
        out += "\n### Figure\n\n```text\n\(figure)```\n\n### Legend\n\n| Mark | State | Arrows | Meaning |\n|---|---|---|---|\n"
        for entry in section.states.counts {
            out += "| \(entry.health.mark(unicode: true)) | \(cell(entry.health.rawValue)) | \(entry.count) | \(cell(entry.health.meaning)) |\n"
        }
        out += "\n### Arrows\n\n| # | From → To | Target | Documented | Observed | TLS | State | Reason | Probed from | Certificate |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|\n"
        for row in section.orderedRows {
            let state = row.health.map { "\($0.mark(unicode: true)) \($0.rawValue)" } ?? "-"
            let cells = [
                row.label, "\(row.from) → \(row.to)", row.target, row.documented, row.observed, row.tls, state, row.reason, row.vantage,
                row.certificate,
            ]
            out += "| " + cells.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Text for a table cell: pipes escaped, line breaks as spaces, empty as `-`.
    static func cell(_ text: String) -> String {
        let flat = inline(text).replacingOccurrences(of: "|", with: "\\|")
        return flat.isEmpty ? "-" : flat
    }

    /// Text in running Markdown: line breaks as spaces, the characters that start markup escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n", "\r": out += " "
            case "*", "_", "`", "[", "]", "<", ">", "#", "\\": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }
}
