import PortolanCore
import PortolanRender
import Testing

/// The findings table `audit` prints.
@Suite struct AuditTableViewTests {
    static func finding(_ port: Int, why: String) throws -> ExposureFinding {
        ExposureFinding(
            host: .name("ksc.example"), address: try #require(IPAddress("10.2.0.10")), port: try #require(PortNumber(port)),
            transport: .tcp, vantage: .named("internet"), kind: .unknown, why: why)
    }

    @Test func aRowSaysHostPortVantageKindAndWhy() throws {
        let row = AuditTableView.row(try Self.finding(13291, why: "no arrow needs it"))
        #expect(row == ["ksc.example (10.2.0.10)", "13291/tcp", "internet", "unknown", "no arrow needs it"])
    }

    /// The `why` column wraps so that every line fits `$COLUMNS`; without a width nothing is cut.
    @Test func theReportCountsSaysWhereFromAndFitsTheWidth() throws {
        let why = "open to the internet zone while no watched arrow from this vantage point's roles needs it at all"
        let view = AuditTableView(
            findings: [try Self.finding(13291, why: why)], topology: "site", swept: 40, vantages: [], fromHere: true, insideSkipped: true)
        let narrow = view.render(width: 80)
        #expect(narrow.hasPrefix("topology site: 40 probes, 1 findings\nswept from here: the topology names no vantage point\n"))
        #expect(narrow.contains("--inside sweeps them"))
        #expect(narrow.split(separator: "\n").filter { $0.count > 80 } == [], "\(narrow)")
        #expect(view.render().contains(why))
        let clean = AuditTableView(findings: [], topology: "site", swept: 40, vantages: [], fromHere: false, insideSkipped: false)
        #expect(clean.render(width: 80) == "topology site: 40 probes, 0 findings\n\nno findings\n")
    }
}
