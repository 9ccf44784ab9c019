import Foundation
import PortolanApp
import PortolanCore
import PortolanLayout
import PortolanRender
import Synchronization
import Testing

/// Browsing without friction (issue 10 item 4): the dashboard opens with a schema drawn (the last one
/// viewed, kept in XDG_STATE_HOME), the list previews, `[` `]` PgUp PgDn open the neighbours, the help
/// scrolls and is whole at 80x24, and layouts run off the loop.
@Suite struct BrowseTests {
    func start(width: Int = 160, height: Int = 48, remembered: SchemaID? = nil, background: Bool = false) -> AppState {
        AppState(
            catalog: Fixtures.catalog, size: ScreenSize(width: width, height: height), themes: [.ksc], topologyName: nil, first: nil,
            remembered: remembered, layoutsInBackground: background)
    }

    /// A fresh folder standing for XDG_STATE_HOME.
    func stateHome() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-state-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func opensWithTheFirstSchemaDrawnAndTheListPreviewsAsTheCursorMoves() throws {
        var state = start()
        let first = state.visibleSchemas[0], second = state.visibleSchemas[1]
        #expect(state.current?.id == first.id && state.diagram != nil && state.focus == .list)
        #expect(AppView.render(state, now: Fixtures.noon).canvas.lines()[0].contains(first.id.rawValue))
        _ = state.apply(.key(.down))
        #expect(state.current?.id == second.id, "moving in the list shows the highlighted schema")
        #expect(state.focus == .list, "and the focus stays in the list")
        let frame = AppView.render(state, now: Fixtures.noon).canvas.lines().joined(separator: "\n")
        #expect(frame.contains(" portolan │ \(second.id): \(second.title)"))
        _ = state.apply(.key(.character("k")))
        #expect(state.current?.id == first.id)
        _ = state.apply(.key(.character("G")))
        #expect(state.current?.id == state.visibleSchemas.last?.id, "G goes to the last schema")
        _ = state.apply(.key(.enter))
        #expect(state.focus == .diagram, "Enter moves to the schema shown")
    }

    @Test func bracketsAndPageKeysOpenThePreviousAndNextSchemaFromAnyPane() throws {
        var state = Fixtures.opened("ksc13-lan")
        let ids = state.visibleSchemas.map(\.id)
        let at = try #require(ids.firstIndex(of: "ksc13-lan"))
        #expect(state.focus == .diagram)
        _ = state.apply(.key(.character("]")))
        #expect(state.current?.id == ids[at + 1] && state.focus == .diagram)
        _ = state.apply(.key(.pageDown))
        #expect(state.current?.id == ids[at + 2])
        _ = state.apply(.key(.character("[")))
        #expect(state.current?.id == ids[at + 1])
        _ = state.apply(.key(.pageUp))
        #expect(state.current?.id == ids[at])
        #expect(state.visibleSchemas[state.cursor].id == ids[at], "the list's cursor follows")
    }

    @Test func theLastSchemaViewedIsKeptAndOpenedAgain() throws {
        let home = try stateHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kept = LastViewed(environment: ["XDG_STATE_HOME": home.path, "HOME": "/nonexistent"])
        #expect(kept.file == home.appending(path: "portolan/last-schema"))
        #expect(kept.read(among: Fixtures.catalog.schemas) == nil, "nothing kept yet")
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = DashboardLoop(
            state: start(), screen: screen, source: nil, exportFolder: home, clock: ManualClock(Fixtures.noon), lastViewed: kept)
        loop.step()
        #expect(!FileManager.default.fileExists(atPath: home.appending(path: "portolan/last-schema").path), "opening is not viewing another")
        screen.send(.key(.character("]")), .key(.character("]")))
        loop.step()
        loop.step()
        let third = loop.state.visibleSchemas[2].id
        #expect(try String(contentsOf: home.appending(path: "portolan/last-schema"), encoding: .utf8) == third.rawValue + "\n")
        let remembered = try #require(kept.read(among: Fixtures.catalog.schemas))
        #expect(remembered == third)
        let again = start(remembered: remembered)
        #expect(again.current?.id == third && again.visibleSchemas[again.cursor].id == third)

        try Data("no-such-schema\n".utf8).write(to: home.appending(path: "portolan/last-schema"))
        #expect(kept.read(among: Fixtures.catalog.schemas) == nil)
        try Data([0xff, 0xfe, 0x00, 0x41]).write(to: home.appending(path: "portolan/last-schema"))
        #expect(kept.read(among: Fixtures.catalog.schemas) == nil, "a broken file is no error")
        #expect(start(remembered: nil).current?.id == Fixtures.state().visibleSchemas[0].id, "and the first schema opens")
    }

    @Test func withoutXDGStateHomeTheFileIsUnderHome() {
        #expect(LastViewed(environment: ["HOME": "/home/ann"]).file?.path == "/home/ann/.local/state/portolan/last-schema")
        #expect(LastViewed(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/ann"]).file?.path == "/home/ann/.local/state/portolan/last-schema")
        #expect(LastViewed(environment: [:]).file == nil)
    }

    /// Every line of the help can be scrolled into view at 80x24, none is cut, and the footer says where
    /// you are; only Esc, `?` and `q` close it.
    @Test func helpScrollsToItsLastLineAtEightyByTwentyFour() throws {
        var state = Fixtures.opened("ksc13-lan", width: 80, height: 24)
        _ = state.apply(.key(.character("?")))
        let top = AppView.render(state, now: Fixtures.noon).canvas
        try Golden.check(top, "help-80x24")
        var seen: [String] = []
        var previous = -1
        while state.helpScroll != previous {
            previous = state.helpScroll
            let rows = AppView.render(state, now: Fixtures.noon).canvas.lines()
            for row in rows[1..<23] where row.contains("…") { Issue.record("a cut line in the help: \(row)") }
            seen += rows
            _ = state.apply(.key(.character("j")))
        }
        let text = seen.joined(separator: "\n")
        #expect(text.contains("Keys") && text.contains("Conventions") && text.contains("Live states"))
        #expect(text.contains("open the next schema") && text.contains("F follows"))
        let bottom = AppView.render(state, now: Fixtures.noon).canvas
        let footer = bottom.lines().joined(separator: "\n")
        #expect(footer.contains("×7 in 2 min."), "the last line of the help is in view")
        #expect(footer.contains("of \(state.helpScroll + 19)"), "the footer counts the lines")
        _ = state.apply(.key(.character("g")))
        #expect(state.helpScroll == 0)
        _ = state.apply(.key(.pageDown))
        #expect(state.helpScroll == 19, "PgDn scrolls a page")
        _ = state.apply(.key(.character("G")))
        try Golden.check(AppView.render(state, now: Fixtures.noon).canvas, "help-80x24-end")
        _ = state.apply(.key(.character("x")))
        _ = state.apply(.key(.character("]")))
        #expect(state.showHelp && state.current?.id == "ksc13-lan", "other keys do nothing behind the help")
        _ = state.apply(.key(.escape))
        #expect(!state.showHelp)
        _ = state.apply(.key(.character("?")))
        _ = state.apply(.key(.character("?")))
        #expect(!state.showHelp)
        _ = state.apply(.key(.character("?")))
        #expect(state.apply(.key(.character("q"))).isEmpty && !state.showHelp, "q closes the help, it does not quit")
    }

    /// A big schema's layout runs off the loop: the frame says "laying out…" and keys are handled while
    /// it runs; the figure appears when it is done.
    @Test func keysAreHandledWhileALayoutIsPending() throws {
        let gate = Gate()
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let background = DashboardLoop(
            state: start(background: true), screen: screen, source: nil, exportFolder: FileManager.default.temporaryDirectory,
            clock: ManualClock(Fixtures.noon), layouts: GatedLayouts(gate: gate), layoutPatience: .zero)
        background.step()
        let ids = background.state.visibleSchemas.map(\.id)
        screen.send(.key(.character("]")))
        background.step()
        #expect(background.state.pendingLayout?.schema == ids[1] && background.isLayingOut)
        #expect(screen.lines.contains { $0.contains("laying out \(ids[1])…") }, "the pane says a layout runs")
        screen.send(.key(.character("]")), .key(.character("o")))
        background.step()
        background.step()
        #expect(background.state.current?.id == ids[2], "a key is handled while the layout is pending")
        #expect(background.state.focus == .diagram, "and another")
        #expect(background.state.pendingLayout?.schema == ids[2])
        gate.open()
        let deadline = Date().addingTimeInterval(60)
        while background.state.diagram == nil, Date() < deadline {
            _ = background.waitForLayout(until: deadline)
            background.step()
        }
        #expect(background.state.diagram != nil && background.state.pendingLayout == nil)
        #expect(!screen.lines.contains { $0.contains("laying out") })
        #expect(screen.lines[0].contains(ids[2].rawValue))
    }
}

/// A gate that layouts wait at until the test opens it (bounded, so a failing test never hangs).
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func open() { semaphore.signal() }

    func pass() {
        _ = semaphore.wait(timeout: .now() + 60)
        semaphore.signal()
    }
}

/// Layouts that wait at a gate first: a layout as slow as the test wants.
struct GatedLayouts: SchemaLayouts {
    let gate: Gate

    func diagram(_ schema: Schema, width: Int?, height: Int?, detail: DetailLevel?) throws(LayoutError) -> Diagram {
        gate.pass()
        return try DiagramLayout.make(schema, width: width, height: height, detail: detail)
    }
}
