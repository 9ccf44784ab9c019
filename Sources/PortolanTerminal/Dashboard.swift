import Foundation
import PortolanApp
import PortolanCore
import PortolanLayout
import PortolanRender
import Synchronization

/// Runs the dashboard on a real terminal: reads input, applies it to the state, draws what changed,
/// probes in the background and carries out the effects the update returns.
public final class Dashboard {
    private var state: AppState
    private let screen: TerminalScreen
    private let source: LiveSource?
    private let exportDirectory: String
    private var hits = HitMap()
    private let inbox = Inbox()

    /// - Parameters:
    ///   - exportDirectory: where `e` writes exported files.
    public init(state: AppState, screen: TerminalScreen, source: LiveSource?, exportDirectory: String) {
        self.state = state
        self.screen = screen
        self.source = source
        self.exportDirectory = exportDirectory
        // The canvas is always drawn in Unicode; the screen maps it to the line-drawing set or ASCII.
        self.state.charset = .unicode
        _ = self.state.apply(.resize(screen.size))
    }

    /// Runs until `q`, SIGINT, SIGTERM or SIGHUP; the terminal is restored before it returns.
    public func run() {
        defer { screen.close() }
        let prober = source.map { ProbeLoop(source: $0, inbox: inbox) }
        defer { prober?.stop() }
        redraw()
        while screen.stopSignal == nil {
            var changed = false
            let input = screen.read(timeout: 200)
            for (results, vantages, time) in inbox.drain() {
                _ = state.apply(.probeRound(results, at: time))
                if !vantages.isEmpty { _ = state.apply(.vantages(vantages, at: time)) }
                changed = true
            }
            if let input {
                let event: AppEvent
                switch input {
                case let .key(key): event = .key(key)
                case let .mouse(mouse): event = .mouse(mouse, hits.target(x: mouse.x, y: mouse.y))
                case let .resize(size): event = .resize(size)
                case .interrupt: return
                }
                changed = true
                for effect in state.apply(event) {
                    switch effect {
                    case .quit: return
                    case .probeNow: prober?.probeNow()
                    case let .setPaused(paused): prober?.setPaused(paused)
                    case .themeChanged: screen.use(state.theme)
                    case let .export(schema, format): _ = state.apply(export(schema, format))
                    }
                }
            }
            if changed { redraw() }
        }
    }

    private func redraw() {
        let frame = AppView.render(state, now: Date())
        hits = frame.hits
        screen.draw(frame.canvas)
    }

    /// Writes the schema in a format to `portolan-ID.EXT` in the export folder, atomically.
    private func export(_ id: SchemaID, _ format: ExportFormat) -> AppEvent {
        guard let schema = state.schemas.first(where: { $0.id == id }) else { return .exportFailed("no schema \(id)") }
        do {
            let diagram = try DiagramLayout.make(schema)
            let text = try Exporter(theme: state.theme).render(diagram, as: format)
            let path = (exportDirectory as NSString).appendingPathComponent("portolan-\(id).\(format.fileExtension)")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return .exported(path: path)
        } catch {
            return .exportFailed("\(error)")
        }
    }
}

/// Probe rounds handed from the background task to the terminal loop.
final class Inbox: Sendable {
    private let rounds = Mutex<[([ProbeResult], [VantageStatus], Date)]>([])

    func post(_ results: [ProbeResult], vantages: [VantageStatus], at time: Date) {
        rounds.withLock { $0.append((results, vantages, time)) }
    }

    func drain() -> [([ProbeResult], [VantageStatus], Date)] {
        rounds.withLock { rounds in
            defer { rounds.removeAll() }
            return rounds
        }
    }
}

/// Probes in the background: a round at start, then every interval, or at once on `probeNow`.
final class ProbeLoop: Sendable {
    private enum Command: Sendable { case tick, now }

    private let commands: AsyncStream<Command>.Continuation
    private let paused = PauseFlag()
    private let tasks: [Task<Void, Never>]

    init(source: LiveSource, inbox: Inbox) {
        let (stream, continuation) = AsyncStream.makeStream(of: Command.self, bufferingPolicy: .bufferingNewest(1))
        commands = continuation
        let paused = self.paused
        let ticker = Task {
            while !Task.isCancelled {
                continuation.yield(.tick)
                try? await Task.sleep(for: source.interval)
            }
        }
        let worker = Task {
            for await command in stream {
                if command == .tick, paused.isSet { continue }
                let results = await source.probeRound()
                let vantages = await source.vantageStatuses()
                if Task.isCancelled { break }
                inbox.post(results, vantages: vantages, at: Date())
            }
        }
        tasks = [ticker, worker]
    }

    func probeNow() { commands.yield(.now) }

    func setPaused(_ value: Bool) { paused.set(value) }

    func stop() {
        commands.finish()
        for task in tasks { task.cancel() }
    }
}

/// Whether probing is paused, shared between the terminal loop and the probing task.
final class PauseFlag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set(_ flag: Bool) { value.withLock { $0 = flag } }
}
