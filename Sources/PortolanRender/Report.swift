import Foundation
import PortolanCore
import PortolanLayout

/// The two forms of a report: Markdown, and one self-contained HTML file (inline CSS and SVG).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case markdown, html

    /// The form a file's extension names (`.md`, `.markdown`, `.html`, `.htm`), nil for any other.
    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }

    /// The name of a schema's report from the dashboard, `ID.report.md` or `ID.report.html`.
    public func fileName(_ schema: SchemaID) -> String { "\(schema.rawValue).report.\(self == .markdown ? "md" : "html")" }
}

/// A report of one probe round: for each schema, its figure in the arrows' live states, the legend of
/// those states and a table of every arrow; problems first; when and where from it was probed.
///
/// Pure data and text: the caller gives the time and the machine's name (tests fix both).
public struct Report: Sendable {
    /// One schema of the report.
    public struct Section: Sendable {
        public var schema: Schema
        public var diagram: Diagram
        public var states: ArrowStates
        public var rows: [ReportRow]

        /// The rows of every arrow of `schema` from `results`; `states` defaults to those the results give.
        ///
        /// - Parameter notProbed: the reason given for an arrow with a port that no result covers.
        public init(diagram: Diagram, results: [ProbeResult], states: ArrowStates? = nil, notProbed: String = "responder not bound") {
            schema = diagram.schema
            self.diagram = diagram
            self.states = states ?? ArrowStates(diagram.schema, results: results)
            rows = ReportRow.rows(diagram.schema, results: results, notProbed: notProbed)
        }

        /// The rows whose arrow is not as documented, worst first.
        public var problems: [ReportRow] { rows.filter(\.isProblem) }

        /// Every row, problems first (worst first), then the rest in the schema's order.
        public var orderedRows: [ReportRow] {
            let problems = rows.enumerated().filter { $0.element.isProblem }
                .sorted { ($0.element.health ?? .unknown, $1.offset) > ($1.element.health ?? .unknown, $0.offset) }.map(\.element)
            return problems + rows.filter { !$0.isProblem }
        }
    }

    /// The topology's name (or `portolan` when none).
    public var topology: String
    /// When the round finished.
    public var time: Date
    /// The machine that ran portolan.
    public var machine: String
    /// `probed from the initiators' vantage points`, or how many from here.
    public var vantageNote: String
    public var vantages: [VantageStatus]
    public var sections: [Section]
    /// The theme the live colours come from.
    public var theme: Theme

    public init(topology: String, time: Date, machine: String, vantageNote: String, vantages: [VantageStatus], sections: [Section], theme: Theme = .ksc) {
        self.topology = topology
        self.time = time
        self.machine = machine
        self.vantageNote = vantageNote
        self.vantages = vantages
        self.sections = sections
        self.theme = theme
    }

    /// This machine's name (`gethostname`, no DNS lookup: the dashboard must never wait on a resolver).
    public static var localMachine: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "this machine" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "this machine" : name
    }

    /// The report as text in `format`.
    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .markdown: ReportMarkdown.render(self)
        case .html: ReportHTML.render(self)
        }
    }

    /// `2026-12-02 01:42:58 UTC`.
    public var timeText: String {
        let seconds = Int(time.timeIntervalSince1970.rounded(.down))
        return Self.day(seconds / 86_400) + " " + Self.clock(seconds % 86_400) + " UTC"
    }

    /// The first sentence of every form: when, from which machine, and from where the probes went.
    public var origin: String {
        "Probed at \(timeText) by \(machine); \(vantageNote)."
    }

    /// One line per vantage point: its name and state.
    public var vantageLines: [String] { vantages.map { $0.summary(now: nil) } }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01 (proleptic Gregorian, as UTC is).
    static func day(_ days: Int) -> String {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    static func clock(_ seconds: Int) -> String {
        "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
