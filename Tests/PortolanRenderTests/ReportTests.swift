import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reports and live-coloured SVG from one fixed round of ksc13-lan: fixed results and a fixed clock, no
/// network; golden files pin the text, an XML parser the structure.
@Suite struct ReportTests {
    static let schema: Schema? = Catalog.builtin().schema("ksc13-lan")
    static let time = Date(timeIntervalSince1970: 1_795_000_000)
    static let expiry = Date(timeIntervalSince1970: 1_797_000_000)
    /// The golden files these tests check (for `GoldenTests.noStaleGoldenFiles`).
    static let goldenNames = ["report-ksc13-lan.md", "report-ksc13-lan.html", "live-ksc13-lan.svg"]

    /// One result per probed arrow × host: TCP open with its documented TLS (a certificate on TLS ports),
    /// UDP silent; [5] closed, [6] a failed handshake, [9] filtered, [1] (the DBMS) not bound; the
    /// distribution point's arrows from a vantage point, the rest from here.
    static func round(_ schema: Schema) -> [ProbeResult] {
        schema.connections.compactMap { c in
            guard let port = c.effectivePort, let transport = c.transport, !c.isLocal, c.label != "1" else { return nil }
            var state: PortState = transport == .tcp ? .open : .openFiltered
            var reason: ProbeReason = transport == .tcp ? .synAck : .noResponse
            var tls: TLSReport?
            switch c.label {
            case "5": (state, reason) = (.closed, .connRefused)
            case "9": (state, reason) = (.filtered, .timeout)
            default: break
            }
            if state == .open, c.tls == .yes {
                let certificate = CertificateInfo(subject: "CN=\(c.responder)", issuer: "CN=lab CA", alternativeNames: ["\(c.responder).lab"], notAfter: expiry, sha256: "ab")
                tls = c.label == "6"
                    ? TLSReport(expected: .yes, verdict: .handshakeFailed, message: "alert: handshake failure")
                    : TLSReport(expected: .yes, verdict: .tlsOK, version: "TLSv1.3", certificate: certificate)
            }
            return ProbeResult(
                arrow: ArrowRef(c, in: schema.id),
                target: ProbeTarget(host: .name("\(c.responder).lab"), port: port, transport: transport, tls: c.tls),
                outcome: ProbeOutcome(address: nil, state: state, reason: reason, latency: state == .open ? .microseconds(420) : nil, tls: tls),
                vantage: c.initiator == "distribution-point" ? .named("dp-agent") : .here)
        }
    }

    static func report() throws -> Report {
        let schema = try #require(Self.schema)
        let results = round(schema)
        let vantage = VantageStatus(name: "dp-agent", command: ["portolan", "agent"], state: .up, since: time, starts: 1)
        return Report(
            topology: "lab", time: time, machine: "probe-host", vantageNote: VantageNote.text(results), vantages: [vantage],
            sections: [Report.Section(diagram: try DiagramLayout.make(schema), results: results)])
    }

    @Test func theMarkdownReportHoldsFigureLegendAndEveryArrowProblemsFirst() throws {
        let report = try Self.report()
        let text = report.render(.markdown)
        golden.check(text, "report-ksc13-lan.md")
        #expect(text.contains("Probed at 2026-11-18 "))
        #expect(text.contains("by probe-host"))
        let problems = try #require(text.range(of: "### Problems")), figure = try #require(text.range(of: "### Figure"))
        let problemText = String(text[problems.upperBound..<figure.lowerBound])
        for label in ["[5]", "[6]", "[9]"] { #expect(problemText.contains(label), "\(label) is a problem") }
        #expect(!problemText.contains("[3]"), "[3] is as documented")
        let table = try #require(text.range(of: "### Arrows"))
        let rows = text[table.upperBound...].split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") }
        let schema = try #require(Self.schema)
        #expect(rows.count >= schema.connections.count, "every arrow has a row")
        #expect(rows.first?.hasPrefix("| 5 |") == true, "the worst problem (closed) comes first: \(rows.first ?? "")")
        #expect(text.contains("CN=admin-server, expires 2026-12-11"))
        #expect(text.contains("responder not bound"))
    }

    @Test func theHTMLReportIsWellFormedSelfContainedAndColouredByLiveState() throws {
        let report = try Self.report()
        let html = report.render(.html)
        golden.check(html, "report-ksc13-lan.html")
        let document = try XMLDocument(data: Data(html.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "html")
        let rows = try root.nodes(forXPath: "//table[@class='arrows']/tr[td]")
        let schema = try #require(Self.schema)
        #expect(rows.count >= schema.connections.count)
        let svg = try root.nodes(forXPath: "//*[local-name()='svg']")
        #expect(svg.count == 1, "the figure is inline")
        let closed = try root.nodes(forXPath: "//*[local-name()='polyline'][@data-state='closed']")
        #expect(!closed.isEmpty, "[5]'s line is drawn closed")
        for forbidden in ["<script", "<link", "src=", "href=", "@import", "url(http"] {
            #expect(!html.contains(forbidden), "nothing is fetched: \(forbidden)")
        }
        let states = try root.nodes(forXPath: "//table[@class='legend']//span").compactMap(\.stringValue)
        #expect(states == ["? unknown", "✓ as-documented", "~ open|filtered", "! tls-problem", "# filtered", "✗ closed"])
    }

    @Test func anSVGWithLiveStatesKeepsTheScreensColoursAndItsLegend() throws {
        let schema = try #require(Self.schema)
        let diagram = try DiagramLayout.make(schema)
        let states = ArrowStates(schema, results: Self.round(schema))
        let theme = try #require(Theme.builtin("ksc"))
        let svg = SVGExport.render(diagram, states: states, theme: theme)
        golden.check(svg, "live-ksc13-lan.svg")
        let root = try #require(try XMLDocument(data: Data(svg.utf8)).rootElement())
        let closedColour = try #require(theme.appearance(.health(.closed)).foreground).description
        let five = try root.nodes(forXPath: "//*[local-name()='polyline'][contains(concat(' ', @data-labels, ' '), ' 5 ')]/@stroke")
        #expect(five.map(\.stringValue) == [closedColour], "[5] in the screen's closed colour")
        let legend = try root.nodes(forXPath: "//*[local-name()='g'][@class='legend']//*[local-name()='g'][@class='live']/@data-state")
        #expect(legend.map(\.stringValue) == states.counts.map(\.health.rawValue))
        let plain = SVGExport.render(diagram)
        #expect(!plain.contains("data-state"), "without states the figure keeps the documents' colours")
    }

    @Test func aReportsFormatComesFromTheFilesExtension() {
        #expect(ReportFormat(path: "out/lab.md") == .markdown)
        #expect(ReportFormat(path: "lab.HTML") == .html)
        #expect(ReportFormat(path: "lab.htm") == .html)
        #expect(ReportFormat(path: "lab.txt") == nil)
        #expect(ReportFormat(path: "lab") == nil)
    }
}
