import Foundation
import PortolanApp
import PortolanCore
import PortolanRender
import Testing

/// The whole dashboard loop without a terminal: a `TestScreen`, a scripted source and a manual clock.
@Suite struct DashboardLoopTests {
    let schema: SchemaID = "ksc13-server-agent"

    func loop(
        _ source: ScriptedSource?, screen: TestScreen, clock: ManualClock, folder: URL = FileManager.default.temporaryDirectory, changeLog: URL? = nil
    ) -> DashboardLoop {
        var state = Fixtures.opened(schema.rawValue, probing: source != nil)
        state.live.topologyName = source?.topologyName
        return DashboardLoop(state: state, screen: screen, source: source, exportFolder: folder, changeLog: changeLog, clock: clock)
    }

    @Test func everyChangeIsAppendedToTheChangeLogAsAJSONLine() async throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "portolan-changes-\(UUID().uuidString.prefix(8)).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let source = ScriptedSource([
            .init(results: Fixtures.round(schema)),
            .init(results: Fixtures.round(schema, states: ["3": .closed])),
        ])
        let clock = ManualClock(Fixtures.noon)
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = loop(source, screen: screen, clock: clock, changeLog: file)
        loop.step()
        await loop.waitForRound()
        loop.step()
        let first = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(first.count == Fixtures.round(schema).count, "the first round records every arrow's first state")
        clock.advance(by: 5)
        loop.step()
        await loop.waitForRound()
        loop.step()
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == first.count + 1)
        let lastLine = try #require(lines.last)
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any])
        #expect(last["schema"] as? String == "ksc13-server-agent" && last["label"] as? String == "3")
        #expect(last["from"] as? String == "client" && last["to"] as? String == "admin-server")
        #expect(last["old"] as? String == "as-documented" && last["new"] as? String == "closed")
        #expect(last["host"] as? String == "admin-server.lab" && last["port"] as? Int == 14000 && last["protocol"] as? String == "tcp")
        #expect(last["reason"] as? String == "conn-refused" && last["vantage"] as? String == "here")
        #expect((last["time"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func keysAndResizesReachTheStateAndTheScreen() throws {
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = loop(nil, screen: screen, clock: ManualClock(Fixtures.noon))
        #expect(loop.step())
        #expect(screen.lines.first?.contains("ksc13-server-agent") == true, "the first step draws the open schema")
        screen.send(.key(.tab))
        loop.step()
        #expect(loop.state.selectedConnection?.label == "1")
        #expect(screen.lines.contains { $0.contains("Arrow 1: Administration Server") })
        screen.resize(to: ScreenSize(width: 100, height: 30))
        loop.step()
        #expect(screen.frame.width == 100 && screen.frame.height == 30)
        #expect(loop.state.size == ScreenSize(width: 100, height: 30))
        screen.send(.key(.character("t")))
        loop.step()
        #expect(screen.theme?.name == "mono", "the screen is told to use the new theme")
        screen.send(.key(.character("q")))
        #expect(!loop.step(), "q ends the loop")
        screen.send(.interrupt)
        #expect(!loop.step(), "so does an interrupt")
    }

    @Test func roundsArriveOnScheduleAndAVantageGoesDown() async throws {
        let up = VantageStatus(name: "clients", command: ["agent"], state: .up, since: Fixtures.noon, starts: 1)
        var down = up
        down.state = .down
        down.failures = 1
        down.lastFailure = "agent exited with status 255"
        down.lastFailureAt = Fixtures.noon.addingTimeInterval(6)
        let fromClients = { (results: [ProbeResult]) in
            results.map { result -> ProbeResult in
                var result = result
                if result.arrow?.from == "client" { result.vantage = .named("clients") }
                return result
            }
        }
        let unknown = fromClients(Fixtures.round(schema)).map { result -> ProbeResult in
            guard result.vantage == .named("clients") else { return result }
            var result = result
            result.outcome = ProbeOutcome(address: nil, state: .unknown, reason: .vantageDown, message: "agent exited with status 255")
            return result
        }
        let source = ScriptedSource([
            .init(results: fromClients(Fixtures.round(schema)), vantages: [up]),
            .init(results: fromClients(Fixtures.round(schema, states: ["3": .closed])), vantages: [up]),
            .init(results: unknown, vantages: [down]),
        ])
        let clock = ManualClock(Fixtures.noon)
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = loop(source, screen: screen, clock: clock)

        loop.step()
        #expect(loop.isProbing, "a round starts at once")
        await loop.waitForRound()
        loop.step()
        #expect(loop.state.live.round == 1)
        #expect(screen.lines.last?.contains("round 1") == true)
        #expect(screen.lines.last?.contains("vantages clients up") == true)

        clock.advance(by: 4)
        loop.step()
        #expect(!loop.isProbing && source.rounds == 1, "the next round waits for the interval")
        clock.advance(by: 1)
        loop.step()
        await loop.waitForRound()
        loop.step()
        #expect(loop.state.live.round == 2)
        #expect(loop.state.live.log.map(\.text).last == "ksc13-server-agent 3 client → admin-server: as-documented → closed")
        #expect(screen.lines.contains { $0.contains("as-documented → closed") }, "the event log shows the change")

        screen.send(.key(.character("r")))
        loop.step()
        await loop.waitForRound()
        loop.step()
        #expect(source.rounds == 3, "r probes at once, without waiting for the interval")
        #expect(loop.state.live.log.map(\.text).contains("vantage clients down: agent exited with status 255"))
        #expect(screen.lines.last?.contains("vantages clients down (1 down)") == true)
        screen.send(.key(.character("3")))
        loop.step()
        #expect(screen.lines.contains { $0.contains("From      vantage clients (down)") })
    }

    @Test func pausedSkipsScheduledRoundsButProbeNowStillProbes() async throws {
        let source = ScriptedSource([.init(results: Fixtures.round(schema))])
        let clock = ManualClock(Fixtures.noon)
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = loop(source, screen: screen, clock: clock)
        loop.step()
        await loop.waitForRound()
        screen.send(.key(.character("p")))
        loop.step()
        #expect(screen.lines.last?.contains("PAUSED") == true)
        clock.advance(by: 60)
        loop.step()
        #expect(!loop.isProbing && source.rounds == 1, "no scheduled round while paused")
        screen.send(.key(.character("r")))
        loop.step()
        await loop.waitForRound()
        #expect(source.rounds == 2)
    }

    @Test func anExportIsWrittenToTheFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-loop-export-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = loop(nil, screen: screen, clock: ManualClock(Fixtures.noon), folder: folder)
        screen.send(.key(.character("e")))
        loop.step()
        #expect(screen.lines.contains { $0.contains("Export ksc13-server-agent as:") })
        let svg = try #require(AppState.exportChoices.firstIndex(of: .figure(.svg)))
        screen.type(String(svg + 1))
        loop.step()
        let file = folder.appending(path: "ksc13-server-agent.svg")
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.contains("<svg"))
        #expect(screen.lines.last?.contains("exported to \(file.path)") == true)
    }

    /// The digit the chooser shows for a choice.
    func digit(_ choice: ExportChoice) throws -> String {
        String(try #require(AppState.exportChoices.firstIndex(of: choice).flatMap(ExportChoice.digit)))
    }

    @Test func eAndADigitWriteWhatTheScreenShowsInItsLiveStates() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-loop-live-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = ScriptedSource([.init(results: Fixtures.round(schema, states: ["3": .closed]))])
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = loop(source, screen: screen, clock: ManualClock(Fixtures.noon), folder: folder)
        loop.step()
        await loop.waitForRound()
        loop.step()
        #expect(loop.state.live.round == 1)

        screen.send(.key(.character("e")))
        loop.step()
        #expect(screen.lines.contains { $0.contains("0  report (html)") }, "the chooser offers the reports")
        screen.type(try digit(.figure(.svg)))
        loop.step()
        let svgFile = folder.appending(path: "ksc13-server-agent.svg")
        let svg = try String(contentsOf: svgFile, encoding: .utf8)
        #expect(svg.contains("data-state=\"closed\""), "[3] is drawn closed, as on screen")
        #expect(svg.contains("Live states"), "with the live legend")
        #expect(screen.lines.last?.contains("exported to \(svgFile.path)") == true)

        screen.send(.key(.character("e")))
        loop.step()
        screen.type(try digit(.figure(.ansi)))
        loop.step()
        let ansi = try String(contentsOf: folder.appending(path: "ksc13-server-agent.ansi"), encoding: .utf8)
        let closed = try #require(loop.state.theme.appearance(.health(.closed)).foreground)
        #expect(ansi.contains("38;2;\(closed.red);\(closed.green);\(closed.blue)"), "the theme's closed colour")
        #expect(ansi.contains("✗ closed") && ansi.contains("Live states"))

        screen.send(.key(.character("e")))
        loop.step()
        screen.type(try digit(.report(.html)))
        loop.step()
        let reportFile = folder.appending(path: "ksc13-server-agent.report.html")
        let html = try String(contentsOf: reportFile, encoding: .utf8)
        #expect(html.contains("<h1>portolan report: scripted</h1>"))
        #expect(html.contains("conn-refused"), "the table gives [3]'s reason")
        #expect(screen.lines.last?.contains("exported to \(reportFile.path)") == true)
    }

    @Test func anExportIntoAMissingFolderSaysWhereAndWhatToDoAndTheDashboardGoesOn() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-loop-missing-\(UUID().uuidString.prefix(8))")
        let screen = TestScreen(size: ScreenSize(width: 200, height: 48))
        let loop = loop(nil, screen: screen, clock: ManualClock(Fixtures.noon), folder: folder)
        screen.send(.key(.character("e")))
        loop.step()
        screen.type(try digit(.figure(.unicode)))
        #expect(loop.step(), "the dashboard keeps running")
        let message = try #require(loop.state.message)
        #expect(message == "export failed: \(folder.path)/ksc13-server-agent.txt: cannot write: the folder '\(folder.path)' does not exist (create it, or name a file in a folder that exists)")
        #expect(screen.lines.last?.contains("export failed: \(folder.path)") == true)
        screen.send(.key(.tab))
        loop.step()
        #expect(loop.state.selectedConnection?.label == "1", "keys still work")
    }

    @Test func aMouseClickHitsWhatTheLastFrameDrew() throws {
        let screen = TestScreen(size: ScreenSize(width: 160, height: 48))
        let loop = loop(nil, screen: screen, clock: ManualClock(Fixtures.noon))
        loop.step()
        let lines = screen.lines
        let row = try #require(lines.firstIndex { $0.prefix(32).split(separator: " ").contains("ksc13-lan") })
        let column = try #require(lines[row].range(of: "ksc13-lan")).lowerBound.utf16Offset(in: lines[row])
        screen.send(.mouse(MouseEvent(.press, x: column, y: row)))
        loop.step()
        #expect(loop.state.current?.id == "ksc13-lan")
    }
}
