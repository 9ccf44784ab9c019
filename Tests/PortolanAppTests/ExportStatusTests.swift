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
}
