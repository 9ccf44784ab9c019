import ArgumentParser
import Foundation
import PortolanCore
import PortolanLab
import PortolanRender

/// `portolan bench-tui`: the dashboard's frame time and its idle CPU while probing live.
struct TuiBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-tui",
        abstract: "Time a dashboard frame (render + diff) and measure idle CPU with live probing.",
        discussion: """
            Run a release build: swift run -c release portolan bench-tui. Goals: a frame of the largest \
            built-in schema at 200x60 in ≤ 2 ms; ≤ 1 % CPU over 10 s of idle dashboard with live probing of a \
            small topology (listeners this command opens on 127.0.0.77; needs tmux).
            """,
        shouldDisplay: false)

    @Option(help: "Frames to time.") var frames = 500
    @Option(help: "Seconds of idle dashboard to measure.") var idleSeconds = 10.0
    @Flag(help: "Skip the idle CPU measurement.") var noIdle = false

    func run() throws {
        guard let frame = FrameBench.run(Catalog.builtin(), frames: max(1, frames)) else { return }
        var table = TextTable(header: ["WHAT", "RESULT", "GOAL"])
        table.rows.append([
            "frame (render + diff), \(frame.schema) at 200x60, \(frames) frames",
            "mean \(ms(frame.mean)), p99 \(ms(frame.p99)), \(frame.changedPerFrame) cells changed per frame",
            "≤ 2 ms " + (frame.mean <= .milliseconds(2) ? "(met)" : "(MISSED)"),
        ])
        if !noIdle {
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
            let idle = try IdleMeasurement(seconds: idleSeconds, binary: binary).run()
            table.rows.append(["idle dashboard, live probing every 1 s, \(Int(idleSeconds)) s", String(format: "%.2f %% CPU", idle), "≤ 1 % " + (idle <= 1 ? "(met)" : "(MISSED)")])
        }
        emit(table.render())
    }

    private func ms(_ duration: Duration) -> String {
        String(format: "%.3f ms", duration.milliseconds)
    }
}
