import Foundation
import PortolanApp
import PortolanCore
import PortolanRender
import Testing

/// Where an export went is shown at once, whole, even on an 80-column screen with the legend strip.
@Suite struct ExportStatusTests {
    @Test func anExportsFullPathIsShownAtEightyColumnsThenTheStripComesBack() {
        var state = Fixtures.opened("ksc13-lan", width: 80, height: 24, probing: true)
        _ = state.apply(.probeRound(Fixtures.round("ksc13-lan", states: ["5": .closed]), at: Fixtures.noon))
        let path = "/tmp/portolan-exports-of-the-head-office/ksc13-lan.report.html"
        _ = state.apply(.exported(path: path))
        let shown = AppView.render(state, now: Fixtures.noon).canvas.lines().last ?? ""
        #expect(shown.contains("exported to \(path)"), "\(shown)")
        _ = state.apply(.key(.tab))
        let next = AppView.render(state, now: Fixtures.noon).canvas.lines().last ?? ""
        #expect(next.contains("✗ closed 1"), "the legend strip is back after the next key: \(next)")
    }

    @Test func aReportFromTheDashboardSaysWhyAnArrowWasNotProbed() throws {
        let browsing = Fixtures.opened("ksc13-server-agent")
        let schema = try #require(browsing.current), diagram = try #require(browsing.diagram)
        let text = browsing.report(of: schema, diagram: diagram, now: Fixtures.noon, machine: "desk").render(.markdown)
        #expect(text.contains("not probed (the dashboard was started without a topology)"))
        #expect(text.contains("| ? unknown | no topology |"))

        var probing = Fixtures.opened("ksc13-server-agent", probing: true)
        #expect(probing.report(of: schema, diagram: diagram, now: Fixtures.noon, machine: "desk").render(.markdown).contains("| no round yet |"))
        _ = probing.apply(.probeRound(Fixtures.round("ksc13-server-agent", states: ["3": .closed]), at: Fixtures.noon))
        let probed = probing.report(of: schema, diagram: diagram, now: Fixtures.noon, machine: "desk").render(.markdown)
        #expect(probed.contains("- ✗ **[3]** client → admin-server, admin-server.lab:14000/tcp: closed (conn-refused)"), "\(probed)")
        #expect(probed.contains("Probed at 2026-11-18 11:06:40 UTC by desk"))
    }
}
