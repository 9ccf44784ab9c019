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

    @Test func aPortHeldByAnotherProgramIsNotProbedAndTheLogSaysSo() throws {
        // Addresses of its own again (127.0.0.61...): the Administration Server is 127.0.0.61.
        let other = try Listener(address: "127.0.0.61", port: 14000)
        defer { other.close() }
        let binary = try Binary.url().path
        let env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent"]
        let session = try TmuxSession("\(binary) demo --interval 60 --duration 120 --first-address 127.0.0.61", width: 200, height: 60, environment: env)
        try session.waitFor(text: "cannot open 127.0.0.61:14000/tcp (port in use): not probed")
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
        // Once more on standard error after the dashboard, where the screen no longer covers it.
        let screen = try session.screen()
        let said = screen.split(separator: "\n").filter { $0.contains("127.0.0.61:14000/tcp") }
        #expect(said == ["demo: cannot open 127.0.0.61:14000/tcp (port in use): not probed, arrow ksc13-server-agent 3"], "\(screen)")
    }
}

/// A TCP listener that some other program holds, as far as the demo can tell.
struct Listener {
    let descriptor: Int32

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    init(address: String, port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        _ = inet_pton(AF_INET, address, &socketAddress.sin_addr)
        let bound = withUnsafePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, 8) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw Failed(description: "cannot listen on \(address):\(port): \(reason)")
        }
    }

    func close() { Glibc.close(descriptor) }
}
