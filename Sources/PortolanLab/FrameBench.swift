import Foundation
import PortolanApp
import PortolanCore
import PortolanRender

/// Times dashboard frames: the largest built-in schema open at 200x60, Tab cycling its arrows, each frame
/// rendered and compared with the last (what a terminal that sends only changed cells does).
public struct FrameBench: Sendable {
    /// The schema the frames show.
    public var schema: SchemaID
    public var mean: Duration
    public var p99: Duration
    /// Cells that changed from one frame to the next, on average.
    public var changedPerFrame: Int

    /// Renders `frames` frames; `nil` for an empty catalog.
    public static func run(_ catalog: Catalog, frames: Int) -> FrameBench? {
        guard let largest = catalog.schemas.max(by: { $0.connections.count < $1.connections.count }), frames > 0 else { return nil }
        var state = AppState(
            schemas: catalog.schemas, conventions: catalog.conventions, size: ScreenSize(width: 200, height: 60),
            themes: [.ksc], live: LiveState(topologyName: "bench"), probing: true)
        state.cursor = state.visibleSchemas.firstIndex { $0.id == largest.id } ?? 0
        _ = state.apply(.key(.enter))
        let now = Date()
        var times: [Duration] = []
        var previous = AppView.render(state, now: now).canvas
        var changed = 0
        let clock = ContinuousClock()
        for _ in 0..<frames {
            _ = state.apply(.key(.tab))
            let start = clock.now
            let canvas = AppView.render(state, now: now).canvas
            changed += canvas.changedCells(since: previous)
            times.append(clock.now - start)
            previous = canvas
        }
        times.sort()
        return FrameBench(
            schema: largest.id, mean: times.reduce(Duration.zero, +) / frames, p99: times[min(times.count - 1, times.count * 99 / 100)],
            changedPerFrame: changed / frames)
    }
}
