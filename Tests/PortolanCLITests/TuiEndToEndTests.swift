import Foundation
import PortolanTestSupport
import Testing

/// The real binary in a real terminal (tmux): first frame, navigation, box drawing and port labels,
/// resize, mouse, quit, and the terminal's settings afterwards; ASCII/ACS without UTF-8; TERM=dumb refused.
@Suite(.serialized, .requires("tmux"))
struct TuiEndToEndTests {
    func start(_ arguments: String = "", width: Int = 200, height: Int = 60, environment: [String: String] = [:]) throws -> TmuxSession {
        let binary = try Binary.url().path
        // No schema viewed last unless a test says where it is kept: a fresh state folder, removed with the session.
        let state = FileManager.default.temporaryDirectory.appending(path: "portolan-tui-state-\(UUID().uuidString.prefix(8))")
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent", "XDG_STATE_HOME": state.path]
        env.merge(environment) { $1 }
        let session = try TmuxSession("\(binary) tui \(arguments)", width: width, height: height, environment: env)
        session.leftovers.append(state)
        return session
    }

    /// The settings `stty -a` printed are those of a terminal back in its normal mode.
    func expectRestored(_ after: String) {
        let words = Set(after.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon"), "canonical mode is back")
        #expect(words.contains("echo"), "echo is back")
        #expect(!words.contains("-icanon") && !words.contains("-echo"))
    }

    @Test func navigateResizeClickAndQuit() throws {
        let session = try start()
        let first = try session.waitFor(text: "ksc13-lan")
        #expect(first.contains("┏━ Schemas"))
        #expect(first.contains("catalog browser"))
        try session.keys("Enter")
        let opened = try session.waitFor(text: "13000 TCP TLS")
        #expect(opened.contains("ksc13-lan: Administration Server and managed devices on LAN"))
        #expect(opened.contains("klserver"))
        #expect(opened.contains("┌─ Admin Server"))
        #expect(opened.contains("▶") || opened.contains("▼") || opened.contains("◀") || opened.contains("▲"))
        try session.keys("Tab")
        try session.waitFor(text: "Arrow 1: Administration Server → DBMS")
        try session.resize(width: 120, height: 40)
        try session.waitFor("the 120-column frame") { screen in
            let lines = screen.split(separator: "\n")
            return lines.first?.contains("ksc13-lan") == true && lines.allSatisfy { $0.count <= 120 } && lines.contains { $0.hasPrefix("└") && $0.count >= 110 }
        }
        try session.resize(width: 30, height: 8)
        try session.waitFor(text: "terminal too small")
        try session.resize(width: 160, height: 50)
        let list = try session.waitFor(text: "ksc13-server-agent")
        // Click the list row of ksc13-server-agent.
        let lines = list.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.contains("ksc13-server-agent") })
        let column = try #require(lines[row].range(of: "ksc13-server-agent")).lowerBound.utf16Offset(in: lines[row])
        try session.click(x: column, y: row)
        try session.waitFor(text: "ksc13-server-agent: Administration Server and client device")
        try session.keys("q")
        let after = try session.after()
        #expect(after.contains("exit=0"))
        expectRestored(after)
    }

    /// At 200x60, `z` then `f` shows the whole of ksc13-server-in-dmz: every role's box, the whole DMZ frame,
    /// and no panning position in the pane's title.
    @Test func maximiseAndFitShowTheWholeDeploymentSchema() throws {
        let session = try start("--schema ksc13-server-in-dmz")
        try session.waitFor(text: "ksc13-server-in-dmz")
        try session.keys("z")
        try session.waitFor("the maximised pane") { !$0.contains("┏━ Schemas") && $0.contains("ksc13-server-in-dmz") }
        try session.keys("f")
        let screen = try session.waitFor(text: "fit: ")
        let title = screen.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        #expect(!title.contains(" of "), "the pane shows no panning position: \(title)")
        for tag in ["Admin Server", "DBMS", "Console", "Web Console", "Web Server", "iOS MDM", "Client device", "Browser", "Kaspersky"] {
            #expect(screen.contains(tag), "\(tag) is on screen")
        }
        #expect(screen.components(separatedBy: "Mobile device").count == 3, "both mobile devices")
        #expect(screen.components(separatedBy: "Push service").count == 3, "both push services")
        #expect(screen.contains("░░ DMZ ░░"), "the DMZ frame's top")
        #expect(screen.contains(String(repeating: "░", count: 20)), "the DMZ frame's bottom")
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
    }

    @Test func asciiAndLineDrawingWithoutUTF8() throws {
        let session = try start("--schema ksc13-server-agent", environment: ["LANG": "C", "LC_ALL": "C", "TERM": "vt100"])
        let screen = try session.waitFor(text: "14000")
        // tmux shows the terminal's line-drawing set as box characters; text stays 7-bit.
        #expect(screen.contains("─") || screen.contains("-"))
        #expect(!screen.contains("…"), "no UTF-8 text is sent to a C-locale terminal")
        #expect(!screen.contains("┄"), "UDP dashes fall back to ASCII, distinct from solid lines")
        try session.keys("q")
        let after = try session.after()
        #expect(after.contains("exit=0"))
        expectRestored(after)
    }

    /// A terminal without UTF-8 or a line-drawing set (TERM=sun, LANG=C) shows the figure exactly as
    /// `export --format ascii` prints it: HTTPS `~` `!`, COM `*`, UDP `:` (once HTTPS came out as `=`, COM as `~`).
    @Test func asciiTerminalShowsTheAsciiExport() throws {
        let id = "ksc13-hierarchy-two-secondaries"
        let export = try Binary.run(["export", id, "--format", "ascii"]).stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Binary.run(["export", id, "--format", "json"]).stdout.utf8)) as? [String: Any])
        let geometry = try #require(json["geometry"] as? [String: Any])
        let width = try #require(geometry["width"] as? Int), height = try #require(geometry["height"] as? Int)
        let top = try #require(export.firstIndex { $0.allSatisfy { $0 == " " } }) + 1
        let figure = export[top..<(top + height)].map { String($0.prefix(width)) }

        let session = try start("--schema \(id)", width: 300, height: 90, environment: ["LANG": "C", "LC_ALL": "C", "TERM": "sun"])
        /// The figure's rows as the screen shows them, each with the export's row, once the figure's first box
        /// edge is on screen (which gives the viewport's origin); nil before that.
        func rows(of text: String) -> [(shown: String, wanted: String, k: Int)]? {
            let screen = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
            guard let anchor = figure.firstIndex(where: { $0.contains("+-") }) else { return nil }
            var origin: (x: Int, y: Int)?
            for (row, line) in screen.enumerated() {
                if let range = String(line).range(of: figure[anchor]) {
                    origin = (String(line).distance(from: String(line).startIndex, to: range.lowerBound), row - anchor)
                    break
                }
            }
            guard let (x, y) = origin else { return nil }
            var out: [(shown: String, wanted: String, k: Int)] = []
            for (k, expected) in figure.enumerated() {
                let row = y + k
                // Rows of the viewport have the diagram pane's left border just before them.
                guard screen.indices.contains(row), x >= 1, screen[row].count > x - 1, screen[row][x - 1] == "|" else { break }
                out.append((String(screen[row].dropFirst(x).prefix(width)), String(expected.reversed().drop { $0 == " " }.reversed()), k))
            }
            return out
        }
        // ncurses paints in pieces and tmux may be captured between two: wait until every row of the figure
        // in view matches (or the wait times out and records the screen), then check what was compared.
        let screen = try session.waitFor("the ascii figure, row by row") { text in
            guard text.contains("COM invoke"), let rows = rows(of: text) else { return false }
            return rows.allSatisfy { $0.shown.hasPrefix($0.wanted) }
        }
        let shownRows = try #require(rows(of: screen), "the figure's first box edge is not on the screen:\n\(screen)")
        var compared = ""
        for row in shownRows {
            #expect(row.shown.hasPrefix(row.wanted), "row \(row.k) of the figure:\n  export: \(row.wanted)\n  screen: \(row.shown)")
            compared += row.wanted
        }
        #expect(compared.count > width, "the figure's rows did not line up with the screen:\n\(screen)")
        for glyph in ["~", "*", ":", "!", "+", ">"] {
            #expect(compared.contains(glyph), "the compared rows include '\(glyph)'")
        }
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
    }

    @Test func dumbTerminalIsRefusedBeforeTouchingTheScreen() throws {
        let run = try Binary.run(["tui"], environment: ["TERM": "dumb"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("TERM=dumb cannot draw a full-screen dashboard"))
        #expect(run.stdout.isEmpty, "nothing was written to the screen")
        let unknown = try Binary.run(["tui"], environment: ["TERM": "no-such-terminal-xyz"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown terminal type 'no-such-terminal-xyz'"))
    }

    @Test func outputThatIsNotTheTerminalIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "portolan-tui-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        // Input is the pane's terminal, output a file: no escape codes may land in the file.
        let session = try start("> \(file.path)")
        let after = try session.after()
        #expect(after.contains("exit=2"))
        #expect(try session.screen().contains("standard output is not a terminal"))
        #expect(try String(contentsOf: file, encoding: .utf8).isEmpty, "nothing was drawn into the file")
        expectRestored(after)
    }

    @Test func aTopologyOpensItsFirstWatchedSchemaWithTheDiagramFocused() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "portolan-tui-topology-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        // ksc13-server-agent is not the first schema of the catalog, so the list's first row would not do.
        try """
            name: first-schema
            schemas: [ksc13-server-agent, ksc13-lan]
            roles:
              administration-server: 127.0.0.1
            probe: {timeout-ms: 200, min-timeout-ms: 50, retries: 0}

            """.write(to: file, atomically: true, encoding: .utf8)
        let session = try start("--topology \(file.path) --interval 60")
        let first = try session.waitFor(text: "ksc13-server-agent: Administration Server and client device")
        #expect(!first.contains("catalog browser"))
        // The focused pane is framed in heavy lines: the diagram's, not the list's.
        #expect(first.contains("┏━ ksc13-server-agent"), "\(first)")
        #expect(first.contains("┌─ Schemas"), "\(first)")
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
    }

    /// At 80x24 the dashboard opens with the first schema drawn; moving in the list previews, `]` opens the
    /// next schema, and the schema on display is opened again by the next start.
    @Test func opensDrawnPreviewsAndBracketOpensTheNextAt80x24() throws {
        let home = FileManager.default.temporaryDirectory.appending(path: "portolan-tui-state-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start(width: 80, height: 24, environment: ["XDG_STATE_HOME": home.path])
        // A role's box in the diagram pane (right of the 22-column list) says the figure is drawn.
        let drawn = { (screen: String) in screen.split(separator: "\n").dropFirst(2).prefix(10).contains { String(Array($0).dropFirst(24)).contains("┌─ ") } }
        let first = try session.waitFor("ksc13-lan drawn") { $0.contains("ksc13-lan: Admin") && drawn($0) && !$0.contains("laying out") }
        #expect(first.contains("┏━ Schemas"), "the list has the focus")
        try session.keys("j")
        try session.waitFor("the preview of the next schema") { $0.split(separator: "\n").first?.contains("ksc13-lan") == false }
        let second = try session.screen().split(separator: "\n").first.map(String.init) ?? ""
        try session.keys("]")
        let third = try session.waitFor("the next schema") { $0.split(separator: "\n").first.map(String.init) != second && drawn($0) && !$0.contains("laying out") }
        let title = third.split(separator: "\n").first.map(String.init) ?? ""
        let id = try #require(title.split(separator: " ").dropFirst(2).first.map { String($0.dropLast()) })
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
        #expect(try String(contentsOf: home.appending(path: "portolan/last-schema"), encoding: .utf8) == id + "\n")
        let again = try start(width: 80, height: 24, environment: ["XDG_STATE_HOME": home.path])
        try again.waitFor("\(id) opened again") { $0.split(separator: "\n").first?.contains(id + ":") == true }
        try again.keys("q")
        #expect(try again.after().contains("exit=0"))
    }

    /// At 80x24 the help scrolls to its last line and closes with Esc.
    @Test func helpAt80x24ReachesItsLastLine() throws {
        let session = try start("--schema ksc13-lan", width: 80, height: 24)
        try session.waitFor(text: "ksc13-lan: Admin")
        try session.keys("?")
        try session.waitFor(text: "lines 1-19 of")
        try session.keys("G")
        let end = try session.waitFor(text: "×7 in 2 min.")
        #expect(end.contains("Event log"))
        let inside = end.split(separator: "\n").dropFirst().dropLast().map { String(Array($0).dropFirst(2).prefix(76)) }
        #expect(!inside.contains { $0.contains("…") }, "no help line is cut:\n\(end)")
        try session.keys("Escape")
        try session.waitFor("the help closed") { !$0.contains("┏━ Help") }
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
    }

    /// The portolan process in the pane: the pane runs sh, whose child is portolan.
    func dashboardProcess(_ session: TmuxSession) throws -> pid_t {
        let pid = try session.tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        return try #require(children.split(separator: " ").first.flatMap { pid_t($0) })
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let session = try start("--schema ksc13-server-console")
        try session.waitFor(text: "13291")
        kill(try dashboardProcess(session), SIGTERM)
        let after = try session.after()
        expectRestored(after)
        #expect(after.contains("exit=0"))
    }

    @Test func aCrashRestoresTheTerminalAndStillDies() throws {
        let session = try start("--schema ksc13-server-console")
        try session.waitFor(text: "13291")
        kill(try dashboardProcess(session), SIGSEGV)
        let after = try session.after()
        expectRestored(after)
        #expect(after.contains("exit=139"), "the process dies of SIGSEGV as before")
    }
}

/// The dashboard without a terminal (standard input from /dev/null, output to a pipe) is refused at
/// once with exit 2, before the screen is touched; without the check it would run until killed.
@Suite struct NoTerminalTests {
    /// Runs portolan with input from /dev/null and output to pipes. A watchdog kills it after
    /// `limit`, so a dashboard that does not refuse fails the test instead of hanging it.
    func run(_ arguments: [String], limit: Double = 30) throws -> Run {
        try PortolanProcess.run(
            arguments, environment: ["TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent"], input: .nullDevice, timeLimit: limit)
    }

    @Test func tuiWithoutATerminalIsRefused() throws {
        let run = try run(["tui", "--topology", "examples/topologies/loopback.yaml"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("standard input is not a terminal"), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "no escape codes were written")
    }

    @Test func demoWithoutATerminalIsRefusedAndPointsToNoTUI() throws {
        // --duration is a second safety net: a demo that opened its dashboard anyway would end then.
        let run = try run(["demo", "--duration", "20", "--first-address", "127.0.0.81"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("standard input is not a terminal"), "\(run.stderr)")
        #expect(run.stderr.contains("'portolan demo --no-tui' prints the probe table instead"), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "no escape codes were written")
    }
}
