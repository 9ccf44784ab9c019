import Foundation
import PortolanApp
import PortolanCore
import PortolanRender
import Testing

/// The dashboard without a terminal: events into `apply`, frames out of `AppView.render`.
@Suite struct DashboardFlowTests {
    func frame(_ state: AppState) -> Canvas { AppView.render(state, now: Fixtures.noon).canvas }

    @Test func firstFrameIsTheCatalogBrowser() throws {
        let state = Fixtures.state()
        let canvas = frame(state)
        #expect(canvas.lines().contains { $0.contains("ksc13-lan") })
        #expect(canvas.lines().last?.contains("catalog browser") == true)
        try Golden.check(canvas, "first-frame")
    }

    @Test func openASchema() throws {
        var state = Fixtures.state()
        #expect(state.apply(.key(.enter)).isEmpty)
        #expect(state.current?.id == "ksc13-lan")
        #expect(state.focus == .diagram)
        let text = frame(state).lines().joined(separator: "\n")
        #expect(text.contains("klserver"))
        #expect(text.contains("13000"))
        try Golden.check(frame(state), "open-schema")
    }

    @Test func selectAnArrowWithTabAndDigits() throws {
        var state = Fixtures.opened("ksc13-internet-tmg")
        _ = state.apply(.key(.tab))
        #expect(state.selectedConnection?.label == "1")
        _ = state.apply(.key(.backTab))
        #expect(state.selectedConnection?.label == "17")
        _ = state.apply(.key(.character("1")))
        #expect(state.selectedConnection?.label == "1")
        _ = state.apply(.key(.character("5")))
        #expect(state.selectedConnection?.label == "15")
        _ = state.apply(.key(.character("a")))
        #expect(state.selectedConnection?.label == "15a")
        _ = state.apply(.key(.character("9")))
        #expect(state.selectedConnection?.label == "9")
        let details = frame(state).lines().joined(separator: "\n")
        #expect(details.contains("Arrow 9: Web Console Server → Administ"))
        #expect(details.contains("13299/tcp"))
        try Golden.check(frame(state), "select-arrow")
    }

    @Test func liveStateChangeIsColouredAndLogged() throws {
        var state = Fixtures.opened("ksc13-server-agent", probing: true)
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-agent"), at: Fixtures.noon))
        #expect(state.live.round == 1)
        #expect(state.live.log.isEmpty, "everything as documented: nothing to log")
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-agent", states: ["3": .closed]), at: Fixtures.noon.addingTimeInterval(5)))
        #expect(state.live.log.map(\.text) == ["ksc13-server-agent 3 client → admin-server: as-documented → closed"])
        _ = state.apply(.key(.character("3")))
        let canvas = frame(state)
        let styles = Golden.text(canvas)
        #expect(styles.contains("X"), "the closed route is drawn in the closed style")
        #expect(canvas.lines().contains { $0.contains("Live      ✗ closed") })
        try Golden.check(canvas, "live-change")
    }

    @Test func aJustChangedArrowIsMarkedOnTheFigureForHalfAMinute() throws {
        var state = Fixtures.opened("ksc13-server-agent", probing: true)
        func changedCells() -> [Character] {
            let canvas = frame(state)
            var found: [Character] = []
            for y in 0..<canvas.height {
                for x in 0..<canvas.width where canvas[x, y].style == .changed(.closed) { found.append(canvas[x, y].character) }
            }
            return found
        }
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-agent", states: ["3": .closed]), at: Fixtures.noon))
        #expect(changedCells().isEmpty, "the first round is the baseline, not a change")
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-agent"), at: Fixtures.noon.addingTimeInterval(5)))
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-agent", states: ["3": .closed]), at: Fixtures.noon.addingTimeInterval(10)))
        #expect(String(changedCells()).contains("14000TCP"), "the label of the route carrying 3 is marked")
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-agent", states: ["3": .closed]), at: Fixtures.noon.addingTimeInterval(40)))
        #expect(!changedCells().isEmpty, "30 s after the change it is still marked")
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-agent", states: ["3": .closed]), at: Fixtures.noon.addingTimeInterval(41)))
        #expect(changedCells().isEmpty, "then it is not")
        #expect(Theme.builtin("ksc")?.appearance(.changed(.closed)).background == Theme.builtin("ksc")?.appearance(.health(.closed)).foreground)
        #expect(Theme.builtin("mono")?.appearance(.changed(.closed)).underline == true)
    }

    @Test func vantagePointsShowWhereProbesWentFromAndWhenOneIsDown() throws {
        var state = Fixtures.opened("ksc13-server-agent", probing: true)
        // The client's arrows (2, 3) go from its vantage point; the server's (1) from here.
        let round = Fixtures.round("ksc13-server-agent").map { result -> ProbeResult in
            var result = result
            if result.arrow?.from == "client" { result.vantage = .named("clients") }
            return result
        }
        _ = state.apply(.probeRound(round, at: Fixtures.noon))
        let up = VantageStatus(name: "clients", command: ["ssh", "gw", "portolan", "agent"], state: .up, since: Fixtures.noon, starts: 1)
        _ = state.apply(.vantages([up], at: Fixtures.noon))
        #expect(state.live.log.map(\.text) == ["vantage clients up"])
        var lines = frame(state).lines()
        #expect(lines.last?.contains("vantages clients up; 1 arrows from here, not from the initiators") == true)
        _ = state.apply(.key(.character("3")))
        #expect(frame(state).lines().contains { $0.contains("From      vantage clients") })
        _ = state.apply(.key(.character("1")))
        #expect(frame(state).lines().contains { $0.contains("From      here, not from the initiator") })

        // The agent dies: its arrows come back unknown, the log and the status bar say so.
        let later = Fixtures.noon.addingTimeInterval(5)
        var down = up
        down.state = .down
        down.message = "agent exited with status 255"
        down.retryAt = Fixtures.noon.addingTimeInterval(6)
        down.failures = 1
        down.lastFailure = "agent exited with status 255"
        down.lastFailureAt = Fixtures.noon.addingTimeInterval(4)
        let unknown = round.map { result -> ProbeResult in
            guard result.vantage == .named("clients") else { return result }
            var result = result
            result.outcome = ProbeOutcome(address: nil, state: .unknown, reason: .vantageDown, message: "agent exited with status 255")
            return result
        }
        _ = state.apply(.probeRound(unknown, at: later))
        _ = state.apply(.vantages([down], at: later))
        #expect(state.live.log.map(\.text).contains("vantage clients down: agent exited with status 255 (restart in 2 s)"))
        #expect(state.live.log.map(\.text).contains("ksc13-server-agent 3 client → admin-server: as-documented → unknown"))
        _ = state.apply(.key(.character("3")))
        lines = frame(state).lines()
        #expect(lines.last?.contains("vantages clients down (1 down)") == true)
        #expect(lines.contains { $0.contains("Live      ? unknown") })
        #expect(lines.contains { $0.contains("From      vantage clients (down)") })
        #expect(lines.contains { $0.contains("│   agent exited with status 255") }, "\(lines.joined(separator: "\n"))")

        // Killed and restarted between two rounds: up again, but the death is logged at its time.
        var again = up
        again.starts = 3
        again.since = Fixtures.noon.addingTimeInterval(12)
        again.failures = 2
        again.lastFailure = "agent killed by signal 15"
        again.lastFailureAt = Fixtures.noon.addingTimeInterval(11)
        _ = state.apply(.vantages([again], at: Fixtures.noon.addingTimeInterval(15)))
        let tail = state.live.log.suffix(2)
        #expect(tail.map(\.text) == ["vantage clients down: agent killed by signal 15", "vantage clients up (started 3 times)"])
        #expect(tail.first?.time == Fixtures.noon.addingTimeInterval(11))
    }

    @Test func resizeKeepsEveryPaneInside() throws {
        var state = Fixtures.opened("ksc13-lan")
        _ = state.apply(.resize(ScreenSize(width: 100, height: 30)))
        let canvas = frame(state)
        #expect(canvas.width == 100 && canvas.height == 30)
        #expect(canvas.lines().allSatisfy { DisplayWidth.of($0) == 100 })
        try Golden.check(canvas, "resize-100x30")
        _ = state.apply(.resize(ScreenSize(width: 40, height: 10)))
        #expect(frame(state).lines().contains { $0.contains("terminal too small") })
    }

    @Test func everySizeFromOneByOneTo300x100Renders() {
        var state = Fixtures.opened("ksc13-server-in-dmz", probing: true)
        _ = state.apply(.probeRound(Fixtures.round("ksc13-server-in-dmz", states: ["4": .closed]), at: Fixtures.noon))
        _ = state.apply(.key(.character("4")))
        for width in stride(from: 1, through: 300, by: 13) {
            for height in stride(from: 1, through: 100, by: 7) {
                _ = state.apply(.resize(ScreenSize(width: width, height: height)))
                let canvas = frame(state)
                #expect(canvas.width == width && canvas.height == height)
            }
        }
    }

    @Test func themeSwitch() throws {
        var state = Fixtures.opened("ksc13-server-dbms")
        #expect(state.theme.name == "ksc")
        #expect(state.apply(.key(.character("t"))) == [.themeChanged])
        #expect(state.theme.name == "mono")
        #expect(state.message == "theme: mono")
        try Golden.check(frame(state), "theme-switch")
        for _ in 0..<3 { _ = state.apply(.key(.character("t"))) }
        #expect(state.theme.name == "ksc")
    }
}
