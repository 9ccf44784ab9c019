import Foundation
import PortolanTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The export chooser in `portolan demo` (tmux, 200x60): `e` lists the formats with digits, Up moves the
/// highlight (wrapping to the HTML report), Enter writes the file into the folder the demo runs in and
/// the status line names it; the report opened as a file holds every arrow and its state.
@Suite(.serialized, .requires("tmux"))
struct ExportChooserTests {
    @Test func theDemosChooserWritesAnHTMLReportWithEveryArrowAndItsState() throws {
        let binary = try Binary.url().path
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-chooser-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent", "NO_COLOR": ""]
        // Addresses of its own (127.0.2.141...); no flap, so that the states hold still.
        let command = "cd '\(folder.path)' && exec '\(binary)' demo --flap 3600 --interval 60 --duration 120 --first-address 127.0.2.141"
        let session = try TmuxSession("sh -c \"\(command)\"", width: 200, height: 60, environment: env)
        try session.waitFor("the first round") { $0.contains("✗ closed") && $0.contains("[5] 17000") }

        try session.keys("e")
        // The chooser's title is painted before its entries: wait for the last entry, then check them all.
        let chooser = try session.waitFor("the export chooser with its entries") { $0.contains("Export ksc13-lan as:") && $0.contains("0  report (html)") }
        for entry in ["1  ascii", "4  svg", "9  report (markdown)", "0  report (html)"] {
            #expect(chooser.contains(entry), "\(entry) is offered")
        }
        try session.keys("Up")
        try session.waitFor("the highlight on the HTML report") { _ in
            (try? session.styledScreen()).map { screen in
                guard let row = screen.rows.first(where: { $0.text.contains("0  report (html)") }),
                    let other = screen.rows.first(where: { $0.text.contains("1  ascii") })
                else { return false }
                return row.style(of: "report (html)") != other.style(of: "ascii")
            } ?? false
        }
        try session.keys("Enter")
        let report = folder.appending(path: "ksc13-lan.report.html")
        try session.waitFor(text: "exported to \(report.path)")

        let html = try String(contentsOf: report, encoding: .utf8)
        let root = try #require(try XMLDocument(data: Data(html.utf8)).rootElement())
        let rows = try root.nodes(forXPath: "//table[@class='arrows']/tr[td]").map { node in
            try node.nodes(forXPath: "td").map { $0.stringValue ?? "" }
        }
        #expect(Set(rows.map { $0[0] }) == Set((1...9).map(String.init)), "every arrow of ksc13-lan: \(rows.map { $0[0] })")
        let five = try #require(rows.first { $0[0] == "5" })
        #expect(five[6] == "✗ closed", "[5] as the screen shows it: \(five)")
        #expect(rows.contains { $0[0] == "4" && $0[6] == "✓ as-documented" })
        #expect(rows.first?[6].contains("as-documented") == false, "problems come first")

        try session.keys("e")
        try session.waitFor(text: "Export ksc13-lan as:")
        try session.keys("4")
        let svg = folder.appending(path: "ksc13-lan.svg")
        try session.waitFor(text: "exported to \(svg.path)")
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("data-state=\"closed\""))
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
    }
}
