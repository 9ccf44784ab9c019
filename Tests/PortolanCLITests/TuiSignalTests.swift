import Foundation
import PortolanTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Signals that end `portolan tui` still leave the terminal as it was: canonical mode and echo on
/// (`stty -a`), main screen, cursor shown, mouse reporting off (tmux's pane flags), and no Swift
/// backtracer prompt drawn over the dashboard.
@Suite(.serialized, .requires("tmux"))
struct TuiSignalTests {
    func check(_ signal: Int32, _ name: String) throws {
        let binary = try Binary.url().path
        // The backtracer on and interactive, as on a developer's machine: it must not get the screen.
        let environment = [
            "LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent",
            "XDG_STATE_HOME": FileManager.default.temporaryDirectory.appending(path: "portolan-signal-state-\(UUID().uuidString.prefix(8))").path,
            "SWIFT_BACKTRACE": "enable=yes,interactive=yes",
        ]
        let session = try TmuxSession("sh -c 'ulimit -c 0; exec \(binary) tui'", width: 100, height: 30, environment: environment)
        try session.waitFor(text: "ksc13-lan")
        let shell = try #require(Int32(try session.tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let pid = try #require(children.split(separator: " ").first.flatMap { Int32($0) }, "the pane's shell has no child")
        #expect(kill(pid, signal) == 0)
        let after = try session.after()
        #expect(after.contains("exit=\(128 + signal)"), "\(name): \(after.prefix(40))")
        let words = Set(after.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo"), "\(name): canonical mode and echo are back")
        #expect(!words.contains("-icanon") && !words.contains("-echo"), "\(name)")
        let flags = try session.tmux(["display-message", "-p", "-t", "t", "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"])
        #expect(flags.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0", "\(name): alternate screen, cursor, mouse: \(flags)")
        let screen = try session.screen()
        #expect(!screen.contains("Press space") && !screen.contains("Crashed"), "\(name): \(screen)")
    }

    @Test func quitRestoresTheTerminal() throws { try check(SIGQUIT, "SIGQUIT") }

    @Test func userSignalRestoresTheTerminal() throws { try check(SIGUSR1, "SIGUSR1") }

    @Test func brokenPipeRestoresTheTerminal() throws { try check(SIGPIPE, "SIGPIPE") }

    @Test func alarmRestoresTheTerminal() throws { try check(SIGALRM, "SIGALRM") }
}
