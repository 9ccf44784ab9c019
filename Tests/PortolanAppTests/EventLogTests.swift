import Foundation
import PortolanApp
import PortolanCore
import PortolanRender
import Testing

/// The event log (issue 10 item 6): focus, scrolling, follow, problems only, a flapping arrow folded.
@Suite struct EventLogTests {
    let schema: SchemaID = "ksc13-server-agent"

    /// The log pane's rows at 160x48 (the pane is 7 rows high, 5 inside its frame).
    func logRows(_ screen: TestScreen) -> [String] { Array(screen.lines[41...45]) }

    func logTitle(_ screen: TestScreen) -> String { screen.lines[40] }

    /// A loop on `schema` whose log already holds `count` lines, `line 1`... (every third a problem).
    func loop(lines count: Int, source: ScriptedSource? = nil, clock: ManualClock) -> (DashboardLoop, TestScreen) {
        var state = Fixtures.opened(schema.rawValue, probing: true)
        for index in 1...count {
            state.live.log(at: Fixtures.noon.addingTimeInterval(Double(index)), "line \(index)", index % 3 == 0 ? .closed : .asDocumented)
        }
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = DashboardLoop(state: state, screen: screen, source: source, exportFolder: FileManager.default.temporaryDirectory, clock: clock)
        return (loop, screen)
    }

    @Test func theLogTakesFocusAndScrolls() throws {
        let (loop, screen) = loop(lines: 20, clock: ManualClock(Fixtures.noon))
        loop.step()
        #expect(logRows(screen).last?.contains("line 20") == true)
        #expect(logTitle(screen).contains("Events · FOLLOW · 16-20 of 20"))
        screen.send(.key(.character("o")))
        loop.step()
        #expect(loop.state.focus == .log && logTitle(screen).contains("j k PgUp PgDn g G"))
        screen.send(.key(.character("k")))
        loop.step()
        #expect(logRows(screen).last?.contains("line 19") == true, "k scrolls one line up")
        #expect(logTitle(screen).contains("PAUSED · 15-19 of 20"), "and holds the view")
        screen.send(.key(.pageUp))
        loop.step()
        #expect(logRows(screen).first?.contains("line 10") == true && logRows(screen).last?.contains("line 14") == true)
        screen.send(.key(.character("g")))
        loop.step()
        #expect(logRows(screen).first?.contains("line 1 ") == true)
        #expect(logTitle(screen).contains("1-5 of 20"))
        screen.send(.key(.character("j")), .key(.pageDown))
        loop.step()
        loop.step()
        #expect(logTitle(screen).contains("7-11 of 20"))
        screen.send(.key(.character("G")))
        loop.step()
        #expect(logTitle(screen).contains("FOLLOW · 16-20 of 20"), "G goes to the newest line and follows")
        screen.send(.key(.character("o")))
        loop.step()
        #expect(loop.state.focus == .list, "o goes round: list, diagram, log, list")
    }

    @Test func pausedHoldsTheViewWhileNewLinesArriveAndFollowJumpsToThem() async throws {
        let source = ScriptedSource([
            .init(results: Fixtures.round(schema)),
            .init(results: Fixtures.round(schema, states: ["3": .closed])),
        ])
        let clock = ManualClock(Fixtures.noon)
        let (loop, screen) = loop(lines: 12, source: source, clock: clock)
        loop.step()
        await loop.waitForRound()
        screen.send(.key(.character("F")))
        loop.step()
        #expect(logTitle(screen).contains("PAUSED · 8-12 of 12"))
        let held = logRows(screen)
        clock.advance(by: 5)
        loop.step()
        await loop.waitForRound()
        loop.step()
        #expect(loop.state.live.log.count == 13, "the round logged a change")
        #expect(logRows(screen) == held, "paused: the view holds still")
        #expect(logTitle(screen).contains("PAUSED · 8-12 of 13"))
        screen.send(.key(.character("F")))
        loop.step()
        #expect(logTitle(screen).contains("FOLLOW · 9-13 of 13"))
        #expect(logRows(screen).last?.contains("3 client → admin-server: as-documented → closed") == true, "following shows the newest line")
    }

    @Test func problemsOnlyHidesWhatIsAsDocumented() throws {
        let (loop, screen) = loop(lines: 9, clock: ManualClock(Fixtures.noon))
        screen.send(.key(.character("!")))
        loop.step()
        #expect(logTitle(screen).contains("FOLLOW · problems only"))
        for shown in ["line 3 ", "line 6 ", "line 9 "] { #expect(logRows(screen).contains { $0.contains(shown) }) }
        for hidden in ["line 4 ", "line 8 "] { #expect(!logRows(screen).contains { $0.contains(hidden) }) }
        screen.send(.key(.character("!")))
        loop.step()
        #expect(logRows(screen).contains { $0.contains("line 8") })
    }

    /// Seven changes of arrow 3, twenty seconds apart, are one row: the latest change, `×7 in 2 min`.
    @Test func aFlappingArrowFoldsIntoOneRowWithItsCount() async throws {
        let states: [[ArrowLabel: PortState]] = [[:], ["3": .closed], [:], ["3": .closed], [:], ["3": .closed], [:], ["3": .closed]]
        let source = ScriptedSource(interval: .seconds(20), states.map { .init(results: Fixtures.round(schema, states: $0)) })
        let clock = ManualClock(Fixtures.noon)
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = DashboardLoop(
            state: Fixtures.opened(schema.rawValue, probing: true), screen: screen, source: source, exportFolder: FileManager.default.temporaryDirectory,
            clock: clock)
        for round in states.indices {
            if round > 0 { clock.advance(by: 20) }
            loop.step()
            await loop.waitForRound()
            loop.step()
        }
        #expect(loop.state.live.log.count == 7)
        #expect(loop.state.logRows.count == 1)
        #expect(logRows(screen).first?.contains("ksc13-server-agent 3 client → admin-server: as-documented → closed ×7 in 2 min") == true)
        screen.send(.key(.character("!")))
        loop.step()
        #expect(loop.state.logRows.count == 1, "a flapping arrow is a problem")
        try Golden.check(screen.frame, "log-flapping-folded")
    }

    @Test func foldingKeepsOtherArrowsAndStopsAfterTheWindow() {
        let a = ArrowRef(schema: "s", label: "1", from: "x", to: "y"), b = ArrowRef(schema: "s", label: "2", from: "x", to: "y")
        let entry = { (seconds: Double, arrow: ArrowRef, health: LinkHealth) in
            LogEntry(time: Fixtures.noon.addingTimeInterval(seconds), text: "\(arrow.label) \(health.rawValue)", health: health, arrow: arrow)
        }
        let log = [
            entry(0, a, .closed), entry(30, a, .asDocumented), entry(40, b, .closed), entry(60, a, .closed),
            entry(60 + LogView.foldWindow + 1, a, .asDocumented),
        ]
        let rows = LogView.rows(log, problemsOnly: false)
        #expect(rows.map(\.text) == ["2 closed", "1 closed ×3 in 1 min", "1 as-documented"])
        #expect(LogView.rows(log, problemsOnly: true).map(\.text) == ["2 closed", "1 closed ×3 in 1 min"])
    }
}
