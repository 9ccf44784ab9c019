import Foundation
import PortolanTestSupport
import Testing

/// The arrows table in `portolan demo`, in a real terminal (tmux): the demo's audit finds its deliberate
/// exposure (Remote Desktop on the Administration Server) and shows it as an "exposed" row; a search
/// for 13000/tcp and Enter bring back the map with arrow [4] in the details.
@Suite(.serialized, .requires("tmux"))
struct ArrowsTableEndToEndTests {
    @Test func theDemosExposureIsARowAndASearchJumpsToArrowFour() throws {
        let binary = try Binary.url().path
        let env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent", "NO_COLOR": ""]
        // Addresses of its own (127.0.2.201...): the Administration Server, and so the exposure, is 127.0.2.201.
        let session = try TmuxSession(
            "\(binary) demo --flap 3600 --interval 60 --duration 120 --first-address 127.0.2.201", width: 200, height: 60, environment: env)
        try session.waitFor(text: "exposed 127.0.2.201:3389/tcp from here: unknown")
        try session.keys("a")
        // The table's title is painted before its rows: wait for the row the test reads, not only the title.
        let table = try session.waitFor("the arrows table with its exposed row") {
            $0.contains("Arrows of ksc13-lan") && $0.contains("* exposed") && $0.contains("✓ as-documented")
        }
        let exposedRow = try #require(table.split(separator: "\n").first { $0.contains("3389/tcp") && $0.contains("exposed") })
        #expect(exposedRow.contains("here → admin-server") && exposedRow.contains("* exposed"), "\(exposedRow)")
        let styled = try session.settledStyledScreen()
        let row = try #require(styled.rows.first { $0.text.contains("* exposed") })
        let documented = try #require(styled.rows.first { $0.text.contains("✓ as-documented") && $0.text.contains("13000/tcp") })
        #expect(row.style(of: "* exposed") != documented.style(of: "✓ as-documented"), "exposed has a look of its own")

        try session.literal("/13000/tcp")
        try session.keys("Enter")
        try session.waitFor(text: "/13000/tcp  3 matches")
        try session.keys("Enter")
        let map = try session.waitFor("the map with arrow 4 in the details") { $0.contains("Arrow 4: Managed device (direct) → Admin") && !$0.contains("Arrows of") }
        #expect(map.contains("13000 TCP TLS"))
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
    }

    @Test func theLegendNamesTheExposedState() throws {
        let text = try Binary.run(["legend"])
        let row = try #require(text.stdout.split(separator: "\n").first { $0.contains("exposed") && $0.contains("*") })
        #expect(text.status == 0 && text.stdout.contains("TABLE STATE"), "\(text.stdout)")
        #expect(row.contains("arrows table"))
    }
}
