import Foundation
import PortolanTestSupport
import Testing

/// `portolan demo` in a real terminal (tmux): the simulated deployment's diagram with a closed arrow,
/// the flapping arrow's changes in the event log, and a clean quit.
@Suite(.serialized, .requires("tmux"))
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
        try session.waitFor(text: "admin-console → admin-server: as-documented → closed")
        try session.waitFor(text: "admin-console → admin-server: closed → as-documented")
        try session.keys("q")
        let after = try session.after()
        #expect(after.contains("exit=0"))
        let words = Set(after.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo"), "the terminal is restored")
    }

    /// Issue 10's check: arrow [4] (13000, open) beside arrow [5] (17000, closed on purpose) each in its
    /// own colours at the same time, the legend strip on screen, and its counts equal to the labels
    /// drawn in each state's colours.
    @Test func eachArrowInItsOwnColoursAndTheLegendCountsThem() throws {
        let binary = try Binary.url().path
        let env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent"]
        // Addresses of its own (127.0.2.121...); no flap, so that no label is marked as just changed.
        // Colours on, whatever the environment the tests run in says (NO_COLOR turns them off).
        let session = try TmuxSession(
            "\(binary) demo --flap 3600 --interval 60 --duration 120 --first-address 127.0.2.121", width: 200, height: 60,
            environment: env.merging(["NO_COLOR": ""]) { $1 })
        try session.waitFor("the legend strip and arrow [5]") { $0.contains("✗ closed") && $0.contains("[5] 17000") }
        var screen = try session.settledStyledScreen()
        let status = try #require(screen.rows.last { $0.text.contains("✓ as-documented") })
        let open = try #require(status.style(of: "✓ as-documented"))
        let closed = try #require(status.style(of: "✗ closed"))
        #expect(open != closed)
        let fiveRow = try #require(screen.rows.firstIndex { $0.text.contains("[5] 17000") })
        let column = try #require(screen.rows[fiveRow].text.range(of: "[5] 17000")).lowerBound
        let offset = screen.rows[fiveRow].text.distance(from: screen.rows[fiveRow].text.startIndex, to: column)
        let fourRow = screen.rows[fiveRow - 1]
        #expect(Array(fourRow.characters[offset..<(offset + 9)]) == Array("[4] 13000"), "[4] sits just above [5]: \(fourRow.text)")
        let printed = (offset..<(offset + 9)).filter { fourRow.characters[$0] != " " }
        #expect(printed.allSatisfy { fourRow.styles[$0] == open }, "[4]'s label in the open colours")
        #expect(printed.allSatisfy { screen.rows[fiveRow].styles[$0] == closed }, "[5]'s in the closed colours")

        // On a screen that holds the whole figure, the strip's counts are the labels drawn in each colour.
        try session.resize(width: 300, height: 90)
        try session.waitFor("the wider frame") { $0.split(separator: "\n").first.map { $0.count > 250 } ?? false }
        screen = try session.settledStyledScreen()
        let strip = try #require(screen.rows.last { $0.text.contains("✓ as-documented") })
        let entries = strip.text.matches(of: /([^ ]) (as-documented|open\|filtered|tls-problem|filtered|closed|error|unknown) (\d+)/).compactMap { match -> (String, Int)? in
            guard let style = strip.style(of: "\(match.output.1) \(match.output.2) \(match.output.3)"), let count = Int(match.output.3) else { return nil }
            return (style, count)
        }
        #expect(entries.count >= 2, "\(strip.text)")
        var drawn: [String: Int] = [:]
        for row in screen.rows.dropLast() {
            for match in row.text.matches(of: /\[\d+[a-z]?\] (\d|HTTPS)/) {
                let start = row.text.distance(from: row.text.startIndex, to: match.range.lowerBound)
                drawn[row.styles[start], default: 0] += 1
            }
        }
        for (style, count) in entries {
            #expect(drawn[style] == count, "\(count) arrows in style \(style) by the strip, \(drawn[style] ?? 0) labels drawn so")
        }
        try session.keys("q")
        #expect(try session.after().contains("exit=0"))
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
