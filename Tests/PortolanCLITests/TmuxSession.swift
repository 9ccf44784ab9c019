import Foundation
import Testing

/// A private tmux server running one command in a pane of a given size; the end-to-end tests read
/// its screen with capture-pane and type with send-keys, waiting for what they expect to appear.
final class TmuxSession {
    let socket = "portolan-test-\(UUID().uuidString.prefix(8))"
    let marker: URL
    /// Files and folders the session's command may leave, removed with the session.
    var leftovers: [URL] = []

    /// Starts `command` (run by sh) in a `width`×`height` pane with `environment`; after it exits the
    /// pane's shell writes the exit status and the terminal settings (`stty -a`) to a file.
    init(_ command: String, width: Int = 200, height: Int = 60, environment: [String: String]) throws {
        marker = FileManager.default.temporaryDirectory.appending(path: "\(socket).after")
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        let script = "env \(env) \(command); echo \"exit=$?\" > \(marker.path); stty -a >> \(marker.path); sleep 600"
        // The server that new-session starts lives on: it must not hold a pipe we read to its end.
        try tmux(["new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height), script], capture: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
        try? FileManager.default.removeItem(at: marker)
        for leftover in leftovers { try? FileManager.default.removeItem(at: leftover) }
    }

    /// Runs tmux with posix_spawn and waitpid; output goes through a file, so that the tmux server,
    /// which outlives the client, never holds a pipe of ours open.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let output = FileManager.default.temporaryDirectory.appending(path: "\(socket)-\(UUID().uuidString.prefix(6)).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let quoted = (["tmux", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = quoted.joined(separator: " ") + " </dev/null >" + (capture ? output.path : "/dev/null") + " 2>/dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (text: String) in strdup(text) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { throw SpawnFailed() }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return capture ? ((try? String(contentsOf: output, encoding: .utf8)) ?? "") : ""
    }

    struct SpawnFailed: Error {}

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }

    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

    /// Types bytes as they are (for mouse reports).
    func literal(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }

    /// A left click at a 0-based cell, as an xterm SGR mouse report (press, then release).
    func click(x: Int, y: Int) throws {
        try literal("\u{1B}[<0;\(x + 1);\(y + 1)M")
        try literal("\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "t", "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen satisfies `condition`, polling capture-pane, for at most `seconds`; then until
    /// the frame has settled (two captures a tenth of a second apart agree, for at most two seconds more):
    /// ncurses paints a frame in pieces, and a capture between two shows the text waited for with the rest
    /// of the frame still blank. A screen that keeps changing gives the last capture that satisfied `condition`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 30, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return try settled(last, condition) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out after \(seconds) s waiting for \(what); the screen was:\n\(last)")
        throw TimedOut()
    }

    /// `screen` once a capture a tenth of a second later shows the same; a later capture that still satisfies
    /// `condition` while the frame goes on changing replaces it, for at most two seconds.
    private func settled(_ screen: String, _ condition: (String) -> Bool) throws -> String {
        var shown = screen
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            let next = try self.screen()
            if next == shown || !condition(next) { return shown }
            shown = next
        }
        return shown
    }

    func waitFor(text: String, seconds: Double = 30) throws -> String {
        try waitFor("'\(text)'", seconds: seconds) { $0.contains(text) }
    }

    /// The exit status and `stty -a` after the command ended.
    func after(seconds: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOf: marker, encoding: .utf8), text.contains("speed") { return text }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the command did not end within \(seconds) s; the screen was:\n\((try? screen()) ?? "")")
        throw TimedOut()
    }

    struct TimedOut: Error {}
}
