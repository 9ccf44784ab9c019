import Foundation
import PortolanApp
import PortolanCore
import PortolanLab
import PortolanRender
import Testing

/// The benchmarks' drivers and the dashboard's starting state, without a terminal.
@Suite struct BenchDriverTests {
    @Test func framesAreTimedOnTheLargestSchema() throws {
        let catalog = Catalog.builtin()
        let bench = try #require(FrameBench.run(catalog, frames: 3))
        let largest = try #require(catalog.schemas.max { $0.connections.count < $1.connections.count })
        #expect(bench.schema == largest.id)
        #expect(bench.p99 >= bench.mean || bench.p99 > .zero)
        #expect(bench.changedPerFrame > 0, "Tab moves the selection: some cells change every frame")
        #expect(FrameBench.run(Catalog(packs: []), frames: 3) == nil)
    }

    @Test func theDashboardStartsOnTheFirstSchemaGiven() throws {
        let catalog = Catalog.builtin()
        let state = AppState(catalog: catalog, size: ScreenSize(width: 120, height: 40), themes: [.ksc], topologyName: "t", first: "ksc13-server-agent")
        #expect(state.current?.id == "ksc13-server-agent")
        #expect(state.focus == .diagram)
        #expect(state.visibleSchemas[state.cursor].id == "ksc13-server-agent")
        #expect(state.probing)
        let browsing = AppState(catalog: catalog, size: ScreenSize(width: 120, height: 40), themes: [.ksc], topologyName: nil, first: nil)
        #expect(browsing.current?.id == browsing.visibleSchemas.first?.id && browsing.focus == .list && !browsing.probing, "without one, the first schema")
    }

    @Test func probeStatsSayRatesAndMemory() {
        let line = ProbeStats(count: 1000, elapsed: .seconds(2), probing: .seconds(1), output: .milliseconds(5)).line
        #expect(line.hasPrefix("probes 1000  wall 2.000 s  probes/s 500"), "\(line)")
        #expect(line.contains("peak RSS"))
    }
}
