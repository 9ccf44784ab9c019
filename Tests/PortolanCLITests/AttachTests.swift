import Foundation
import PortolanTestSupport
import Testing

/// `tui --attach URL` in a real terminal against a real `portolan watch`, which is stopped mid-way.
@Suite(.serialized, .requires("tmux"))
struct AttachTests {
    @Test func theDashboardShowsTheWatchersArrowsAndTurnsThemUnknownWhenTheWatcherStops() async throws {
        // Nothing listens on the moved ports of 127.0.3.71: the watcher finds both arrows closed.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-attach-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let topology = folder.appendingPathComponent("site.yaml").path
        try """
            name: attach-site
            schemas: [ksc13-server-agent]
            ports: {13000/tcp: \(try freePort(tcp: true)), 14000/tcp: \(try freePort(tcp: true))}
            roles:
              administration-server: 127.0.3.71
            probe: {timeout-ms: 300, retries: 0}
            """.write(toFile: topology, atomically: true, encoding: .utf8)
        let watch = try BackgroundProcess(["watch", topology, "--listen", "127.0.3.71:0", "--interval", "0.3"])
        let url = try #require(await watch.word(after: "listening on "), "\(watch.stderr)")
        #expect(await watch.waitFor { _, err in err.contains("msg=\"round done\"") })

        let binary = try Binary.url().path
        let session = try TmuxSession(
            "\(binary) tui --attach \(url) --interval 0.3", width: 200, height: 60,
            environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent"])
        let attached = try session.waitFor("the watcher's arrows") { $0.contains("attached to \(url)") && $0.contains("closed 2") }
        #expect(attached.contains("ksc13-server-agent"), "the watcher's schema is open")
        #expect(attached.contains("topology attach-site, attached to \(url)"))
        #expect(attached.contains("vantages watcher up"))

        watch.send(SIGTERM)
        #expect(await watch.waitForExit() == 0)
        // The legend strip counts arrows: all three of the schema are unknown once the watcher is gone.
        let lost = try session.waitFor("arrows unknown, watcher down") { $0.contains("unknown 3") && $0.contains("watcher down") }
        #expect(!lost.contains("closed 2"), "no stale state is shown as current")
        #expect(lost.contains("vantage watcher down"), "the log says when the watcher went away")
        try session.keys("q")
        let after = try session.after()
        #expect(after.contains("exit=0"))
    }

    @Test func aWatcherThatCannotBeReachedIsRefusedWithTheReason() throws {
        let port = try freePort(tcp: true)
        let binary = try Binary.url().path
        let session = try TmuxSession(
            "\(binary) tui --attach http://127.0.3.72:\(port)", width: 120, height: 30,
            environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": "/nonexistent"])
        let after = try session.after()
        #expect(after.contains("exit=2"), "\(after)")
        let screen = try session.screen()
        #expect(screen.contains("cannot connect"), "\(screen)")
        #expect(screen.contains("is `portolan watch` running there?"))
    }
}
