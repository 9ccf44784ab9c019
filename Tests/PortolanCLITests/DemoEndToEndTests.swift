import Foundation
import Testing

/// `portolan demo` in a real terminal (tmux): the simulated deployment's diagram with a closed arrow,
/// the flapping arrow's changes in the event log, and a clean quit.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct DemoEndToEndTests {
    @Test func demoShowsAClosedArrowAndTheFlappingOneChanging() throws {
        let binary = try Binary.url().path
        let env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent"]
        // Addresses of its own (127.0.0.41...), so the other tests' demos on 127.0.0.21... cannot clash with it.
        let session = try TmuxSession("\(binary) demo --flap 2 --interval 0.5 --duration 120 --first-address 127.0.0.41", width: 200, height: 60, environment: env)
        let first = try session.waitFor(text: "admin-server → dbms: closed")
        #expect(first.contains("ksc13-lan: Administration Server and managed devices on LAN"))
        #expect(first.contains("13000 TCP TLS"))
        // Arrow 6 (console → Administration Server, 13291) is closed and reopened every two seconds.
        try session.waitFor(text: "admin-console → admin-server: ok → closed")
        try session.waitFor(text: "admin-console → admin-server: closed → ok")
        try session.keys("q")
        let after = try session.after()
        #expect(after.contains("exit=0"))
        let words = Set(after.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo"), "the terminal is restored")
    }
}
