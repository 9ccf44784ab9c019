import Foundation
import PortolanApp
import PortolanCore
import PortolanRender
import Testing

/// The arrows table (`a`): rows, sort, problems filter, search with n/N, the jump to the map, and the
/// audit's exposed rows; over `AppState` alone, then through the dashboard's loop.
@Suite struct ArrowsTableTests {
    let schema: SchemaID = "ksc13-server-agent"

    func frame(_ state: AppState) -> Canvas { AppView.render(state, now: Fixtures.noon).canvas }

    /// ksc13-server-agent probed once: arrow 3 (14000) closed, 1 (UDP) silent, 2 as documented; `a` pressed.
    func tableState(width: Int = 160, height: Int = 48) -> AppState {
        var state = Fixtures.opened(schema.rawValue, width: width, height: height, probing: true)
        _ = state.apply(.probeRound(Fixtures.round(schema, states: ["3": .closed]), at: Fixtures.noon))
        _ = state.apply(.key(.character("a")))
        return state
    }

    /// Remote Desktop open on the Administration Server's host, as the audit reports it.
    static let rdp = ExposureFinding(
        host: .name("admin-server.lab"), port: Self.port(3389), transport: .tcp, vantage: .here, kind: .unknown,
        why: "admin-server.lab:3389/tcp is open from here, and no watched arrow names this port on this host")

    static func port(_ value: Int) -> PortNumber {
        guard let port = PortNumber(value) else { fatalError("port \(value)") }
        return port
    }

    @Test func aShowsOneRowPerArrowInTheDiagramsPlace() throws {
        var state = tableState()
        #expect(state.table.shown && state.focus == .table)
        #expect(state.tableRows.map(\.number) == ["1", "2", "3"])
        #expect(state.tableRows.map(\.state.word) == ["open|filtered", "as-documented", "closed"])
        #expect(state.tableRows[2].target == "admin-server.lab:14000/tcp" && state.tableRows[2].reason == "conn-refused")
        let text = frame(state).lines().joined(separator: "\n")
        #expect(text.contains("Arrows of ksc13-server-agent  sort: # ▲"))
        #expect(text.contains("client → admin-server"))
        #expect(!text.contains("✗14000 TCP"), "the figure is not drawn while the table takes its place")
        _ = state.apply(.key(.character("a")))
        #expect(!state.table.shown && state.focus == .diagram)
        #expect(frame(state).lines().joined().contains("✗14000 TCP"))
    }

    @Test func sCyclesTheSortColumnAndSReversesIt() {
        var state = tableState()
        for _ in 0..<4 { _ = state.apply(.key(.character("s"))) }
        #expect(state.table.sort == .state)
        #expect(state.tableRows.map(\.number) == ["2", "1", "3"], "as-documented, open|filtered, closed: by severity")
        _ = state.apply(.key(.character("S")))
        #expect(state.tableRows.map(\.number) == ["3", "1", "2"], "the worst first")
        #expect(frame(state).lines().joined().contains("sort: state ▼"))
        for _ in 0..<5 { _ = state.apply(.key(.character("s"))) }
        #expect(state.table.sort == .number, "the cycle comes back to the number")
    }

    /// The server-agent round, with arrow 3 also probed at a second Administration Server that answers in 2 ms.
    func twoHostState() -> AppState {
        var state = Fixtures.opened(schema.rawValue, width: 200, height: 48, probing: true)
        var round = Fixtures.round(schema, states: ["3": .closed])
        guard let third = round.first(where: { $0.arrow?.label == "3" }) else { return state }
        var target = third.target
        target.host = .name("admin-server-2.lab")
        round.append(ProbeResult(arrow: third.arrow, target: target, outcome: ProbeOutcome(address: nil, state: .open, reason: .synAck, latency: .milliseconds(2), tls: nil)))
        _ = state.apply(.probeRound(round, at: Fixtures.noon))
        _ = state.apply(.key(.character("a")))
        return state
    }

    @Test func anArrowBoundToTwoHostsHasARowPerHostWithItsOwnState() {
        var state = twoHostState()
        #expect(state.tableRows.map(\.number) == ["1", "2", "3", "3"])
        #expect(state.tableRows.map(\.target).suffix(2) == ["admin-server.lab:14000/tcp", "admin-server-2.lab:14000/tcp"])
        #expect(state.tableRows.map(\.state.word).suffix(2) == ["closed", "as-documented"], "each host its own state")
        #expect(state.tableRows.map(\.reason).suffix(2) == ["conn-refused", "syn-ack"])
        let lines = frame(state).lines()
        #expect(lines.contains { $0.contains("14000/tcp") && $0.contains("as-documented") && $0.contains("2.00 ms") }, "the latency column")
        _ = state.apply(.key(.character("!")))
        #expect(state.tableRows.map(\.target) == ["admin-server.lab:14000/tcp"], "only the closed host is a problem")
        _ = state.apply(.key(.character("!")))
        _ = state.apply(.key(.character("/")))
        for c in "server-2" { _ = state.apply(.key(.character(c))) }
        _ = state.apply(.key(.enter))
        #expect(state.tableRow?.target == "admin-server-2.lab:14000/tcp", "the search matches the host")
        _ = state.apply(.key(.enter))
        #expect(!state.table.shown && state.selectedConnection?.label == "3", "Enter selects the arrow")
    }

    @Test func theLatencyColumnSortsAnswersFirstFastestFirst() {
        var state = twoHostState()
        for _ in 0..<5 { _ = state.apply(.key(.character("s"))) }
        #expect(state.table.sort == .latency)
        #expect(state.tableRows.map(\.number) == ["2", "3", "1", "3"], "0.42 ms, 2 ms, then the rows without an answer")
        _ = state.apply(.key(.character("S")))
        #expect(state.tableRows.map(\.number).prefix(2) == ["1", "3"] && state.tableRows.last?.number == "2")
    }

    @Test func theSortKeepsTheCursorOnItsRow() {
        var state = tableState()
        _ = state.apply(.key(.down))
        _ = state.apply(.key(.down))
        #expect(state.selectedConnection?.label == "3", "moving in the table shows the row's arrow in the details")
        _ = state.apply(.key(.character("S")))
        #expect(state.tableRow?.number == "3" && state.table.cursor == 0)
    }

    @Test func bangShowsOnlyTheProblems() {
        var state = tableState()
        _ = state.apply(.key(.character("!")))
        #expect(state.tableRows.map(\.number) == ["3"], "UDP silence and as-documented are no problems")
        #expect(frame(state).lines().joined().contains("problems only"))
        _ = state.apply(.key(.character("!")))
        #expect(state.tableRows.count == 3)
    }

    @Test func slashSearchesAndNMovesBetweenMatches() {
        var state = tableState()
        _ = state.apply(.key(.character("/")))
        #expect(state.table.editingSearch && !state.editingFilter, "with the table shown, / searches it")
        for c in "1400" { _ = state.apply(.key(.character(c))) }
        #expect(state.tableRow?.number == "3", "the cursor is on the first match as it is typed")
        #expect(frame(state).lines().contains { $0.contains("/1400_") })
        _ = state.apply(.key(.backspace))
        _ = state.apply(.key(.backspace))
        _ = state.apply(.key(.backspace))
        _ = state.apply(.key(.enter))
        #expect(!state.table.editingSearch && state.table.search == "1")
        #expect(state.table.matches(state.tableRows) == [0, 1, 2], "1 is in every port, and is arrow 1's number")
        #expect(state.table.cursor == 2, "the cursor stayed on the first match of 1400")
        _ = state.apply(.key(.character("n")))
        #expect(state.table.cursor == 0, "n wraps to the first match")
        _ = state.apply(.key(.character("n")))
        #expect(state.table.cursor == 1)
        _ = state.apply(.key(.character("N")))
        _ = state.apply(.key(.character("N")))
        #expect(state.table.cursor == 2, "N wraps to the last match")
        _ = state.apply(.key(.escape))
        #expect(state.table.search.isEmpty && state.table.shown, "Esc clears the search, the table stays")
    }

    @Test func theSearchIsCaseInsensitiveOverRolesHostsAndStates() {
        var state = tableState()
        func search(_ text: String) -> [String] {
            _ = state.apply(.key(.character("/")))
            for c in text { _ = state.apply(.key(.character(c))) }
            _ = state.apply(.key(.enter))
            return state.table.matches(state.tableRows).map { state.tableRows[$0].number }
        }
        #expect(search("CLOSED") == ["3"])
        #expect(search("Client Device") == ["1", "2", "3"], "a role's label")
        #expect(search("13000") == ["2"])
        #expect(search("client.lab") == ["1"], "the host arrow 1 was probed at")
        #expect(search("nothing like it").isEmpty)
        _ = state.apply(.key(.character("n")))
        #expect(state.message == "no row matches nothing like it")
    }

    @Test func enterJumpsToTheArrowOnTheMap() throws {
        var state = tableState(width: 100, height: 30)
        _ = state.apply(.key(.character("/")))
        for c in "14000" { _ = state.apply(.key(.character(c))) }
        _ = state.apply(.key(.enter))
        _ = state.apply(.key(.enter))
        #expect(!state.table.shown && state.focus == .diagram)
        #expect(state.selectedConnection?.label == "3")
        let diagram = try #require(state.diagram)
        let route = try #require(state.selectedArrowRef.flatMap { diagram.route(of: $0) })
        let label = try #require(diagram.labels.first { $0.route == route })
        let viewport = state.screenLayout.diagram
        #expect((state.pan.x..<(state.pan.x + viewport.width)).contains(label.rect.x))
        #expect((state.pan.y..<(state.pan.y + viewport.height)).contains(label.rect.y), "the label is panned into view")
        #expect(frame(state).lines().contains { $0.contains("Arrow 3: Client device") })
    }

    @Test func withoutTheTableSlashStillFiltersTheSchemaList() {
        var state = Fixtures.state()
        _ = state.apply(.key(.character("/")))
        #expect(state.editingFilter && state.focus == .list)
        for c in "dbms" { _ = state.apply(.key(.character(c))) }
        #expect(state.visibleSchemas.map(\.id) == ["ksc13-server-dbms"])
    }

    @Test func theAuditsFindingsAreExposedRows() throws {
        var state = tableState()
        let elsewhere = ExposureFinding(
            host: .name("other.lab"), port: Self.port(22), transport: .tcp, vantage: .here, kind: .unknown, why: "not this schema's host")
        _ = state.apply(.audit([Self.rdp, elsewhere], at: Fixtures.noon.addingTimeInterval(3)))
        let exposed = try #require(state.tableRows.last)
        #expect(state.tableRows.count == 4, "a finding on a host this schema was not probed at is not its row")
        #expect(exposed.state == .exposed && exposed.number == "-")
        #expect(exposed.from == "here" && exposed.to == "admin-server" && exposed.target == "admin-server.lab:3389/tcp")
        #expect(exposed.reason.hasPrefix("unknown: admin-server.lab:3389/tcp is open from here"))
        #expect(state.live.log.contains { $0.text == "exposed admin-server.lab:3389/tcp from here: unknown" })
        _ = state.apply(.key(.character("!")))
        #expect(state.tableRows.map(\.number) == ["3", "-"], "an exposed port is a problem")
        _ = state.apply(.key(.down))
        let canvas = frame(state)
        #expect(canvas.lines().contains { $0.contains("* exposed") })
        #expect(canvas.lines().contains { $0.contains("Exposed   admin-server.lab:3389/tcp") }, "the details show the finding")
        #expect(state.selectedRole == "admin-server")
        for c in "/3389" { _ = state.apply(.key(.character(c))) }
        _ = state.apply(.key(.enter))
        #expect(state.tableRow?.state == .exposed, "the port of an exposed row is searched")
        _ = state.apply(.key(.enter))
        #expect(!state.table.shown && state.selectedRole == "admin-server", "Enter on an exposed row shows its host's role")
        #expect(state.message?.contains("exposed admin-server.lab:3389/tcp") == true)
    }

    /// At 200x60 beside the other panes: one vantage for every row goes to the title, its room to the time
    /// of the last change, and a cut route keeps a piece of both role names, so that arrow 2's rows to the
    /// two kinds of client device stay apart.
    @Test func aNarrowTableKeepsRoutesApartAndTheTimeOfChange() throws {
        var state = Fixtures.opened("ksc13-lan", width: 200, height: 60, probing: true)
        _ = state.apply(.probeRound(Fixtures.round("ksc13-lan", states: ["1": .closed]), at: Fixtures.noon))
        _ = state.apply(.key(.character("a")))
        let lines = frame(state).lines()
        let header = try #require(lines.first { $0.contains("host:port") })
        #expect(header.contains("changed") && !header.contains("vantage"), "\(header)")
        #expect(lines.contains { $0.contains("Arrows of ksc13-lan  sort: # ▲  vantage: here") })
        let arrowTwo = lines.filter { $0.contains("┃  2 ") }.map { $0.split(separator: "┃")[1] }
        #expect(arrowTwo.count == 3 && Set(arrowTwo.map { $0.prefix(30) }).count == 3, "\(arrowTwo)")
    }

    @Test func theTableAt200x60() throws {
        var state = Fixtures.opened("ksc13-lan", width: 200, height: 60, probing: true)
        _ = state.apply(.probeRound(Fixtures.round("ksc13-lan", states: ["1": .closed, "5": .closed, "6": .filtered]), at: Fixtures.noon))
        let finding = ExposureFinding(
            host: .name("admin-server.lab"), port: Self.port(3389), transport: .tcp, vantage: .here, kind: .unknown,
            why: "admin-server.lab:3389/tcp is open from here, and no watched arrow names this port on this host")
        _ = state.apply(.audit([finding], at: Fixtures.noon.addingTimeInterval(2)))
        _ = state.apply(.key(.character("a")))
        _ = state.apply(.key(.character("/")))
        for c in "13000/tcp" { _ = state.apply(.key(.character(c))) }
        _ = state.apply(.key(.enter))
        let canvas = frame(state)
        #expect(canvas.lines().contains { $0.contains("/13000/tcp  3 matches") })
        #expect(canvas.lines().contains { $0.contains("Arrow 4: Managed device") })
        try Golden.check(canvas, "arrows-table-200x60")
    }
}

/// The audit through the dashboard's loop: once after the first round, again on `r`, never on a schedule.
@Suite struct ArrowsTableLoopTests {
    @Test func theLoopAuditsAfterTheFirstRoundAndOnR() async throws {
        let schema: SchemaID = "ksc13-server-agent"
        let source = ScriptedSource([.init(results: Fixtures.round(schema))], findings: [ArrowsTableTests.rdp])
        let clock = ManualClock(Fixtures.noon)
        let screen = TestScreen(size: ScreenSize(width: 200, height: 60))
        let state = Fixtures.opened(schema.rawValue, probing: true)
        let loop = DashboardLoop(state: state, screen: screen, source: source, exportFolder: FileManager.default.temporaryDirectory, clock: clock)
        loop.step()
        await loop.waitForRound()
        loop.step()
        await loop.waitForAudit()
        screen.send(.key(.character("a")))
        loop.step()
        #expect(source.auditCount == 1)
        #expect(loop.state.live.exposures == [ArrowsTableTests.rdp])
        #expect(screen.lines.contains { $0.contains("here → admin-server") && $0.contains("* exposed") })
        clock.advance(by: 5)
        loop.step()
        await loop.waitForRound()
        loop.step()
        await loop.waitForAudit()
        #expect(source.rounds == 2 && source.auditCount == 1, "a scheduled round does not audit")
        screen.send(.key(.character("r")))
        loop.step()
        await loop.waitForRound()
        loop.step()
        await loop.waitForAudit()
        loop.step()
        #expect(source.rounds == 3 && source.auditCount == 2, "r probes and audits again")
    }

    @Test func aSourceThatDoesNotAuditIsNeverAsked() async throws {
        let schema: SchemaID = "ksc13-server-agent"
        let source = ScriptedSource([.init(results: Fixtures.round(schema))])
        let loop = DashboardLoop(
            state: Fixtures.opened(schema.rawValue, probing: true), screen: TestScreen(size: ScreenSize(width: 120, height: 40)), source: source,
            exportFolder: FileManager.default.temporaryDirectory, clock: ManualClock(Fixtures.noon))
        loop.step()
        await loop.waitForRound()
        loop.step()
        await loop.waitForAudit()
        #expect(source.rounds == 1 && source.auditCount == 0 && loop.state.live.auditedAt == nil)
    }
}
