import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// The dashboard's runtime: reads input from a `Screen`, applies it to the state, draws what changed,
/// starts probe rounds when they are due and carries out the effects the update returns (writing
/// exports among them).
///
/// It owns no thread: `run()` loops on the caller's thread until `q` or an interrupt; tests call
/// `step()` and move a `ManualClock`, and `waitForRound()` awaits a round instead of sleeping.
public final class DashboardLoop {
    /// The longest a step waits for input, so that rounds that arrived are drawn soon.
    public static let inputTimeout: Duration = .milliseconds(200)

    public private(set) var state: AppState
    private let screen: any Screen
    private let source: (any LiveSource)?
    private let exportFolder: URL
    private let clock: any DashboardClock
    private var hits = HitMap()
    private let inbox = RoundInbox()
    /// The round running in the background, if any.
    private var round: Task<Void, Never>?
    /// When the next scheduled round is due (the first one at once).
    private var nextRoundAt: Date
    /// A round asked for (`r`, or a tick that came while one was running) waits for the running one.
    private var roundWanted = false
    /// The exposure audit running in the background, if any (sources that audit: after the first round and `r`).
    private var auditTask: Task<Void, Never>?
    /// An audit is due after the next round.
    private var auditWanted = true
    private var needsDraw = true
    /// Where change events go (`tui --log FILE`), if anywhere.
    private let changeLog: URL?
    private var changeLogFailed = false

    /// - Parameters:
    ///   - source: probes the topology; nil to browse the catalog only.
    ///   - exportFolder: where `e` writes exported files.
    ///   - changeLog: a file that every change of an arrow's state is appended to, as a JSON line.
    ///   - clock: the wall clock, or a manual one in tests.
    public init(
        state: AppState, screen: any Screen, source: (any LiveSource)?, exportFolder: URL, changeLog: URL? = nil,
        clock: any DashboardClock = WallClock()
    ) {
        self.state = state
        self.changeLog = changeLog
        self.screen = screen
        self.source = source
        self.exportFolder = exportFolder
        self.clock = clock
        nextRoundAt = clock.now
        _ = self.state.apply(.resize(screen.size))
    }

    deinit {
        round?.cancel()
        auditTask?.cancel()
    }

    /// Runs until `q` or an interrupt; a round still running is cancelled.
    public func run() {
        while step() {}
        round?.cancel()
        auditTask?.cancel()
    }

    /// One turn of the loop: starts a round if one is due, waits for input (at most until the next round
    /// is due), takes the rounds that arrived, handles the input and draws if anything changed.
    ///
    /// - Returns: false when the dashboard should end (`q`, Ctrl-C, a stop signal).
    @discardableResult
    public func step() -> Bool {
        startRoundIfDue()
        if needsDraw { draw() }
        let input = screen.nextInput(timeout: timeout())
        var changed = takeRounds()
        var running = true
        if let input {
            changed = true
            running = handle(input)
        }
        if changed || needsDraw { draw() }
        return running
    }

    /// Waits for the round running in the background, if any; the next `step()` shows it.
    public func waitForRound() async {
        await round?.value
    }

    /// Waits for the audit running in the background, if any; the next `step()` shows its findings.
    public func waitForAudit() async {
        await auditTask?.value
    }

    /// True while a probe round runs in the background.
    public var isProbing: Bool { round != nil }

    private func timeout() -> Duration {
        guard source != nil, round == nil, !state.paused else { return Self.inputTimeout }
        let seconds = max(0, nextRoundAt.timeIntervalSince(clock.now))
        return min(Self.inputTimeout, .milliseconds(Int(seconds * 1000)))
    }

    /// A round at start, then one every interval (skipped while paused), or at once when asked for.
    private func startRoundIfDue() {
        guard let source else { return }
        let now = clock.now
        if now >= nextRoundAt {
            if !state.paused { roundWanted = true }
            let interval = Double(source.interval.components.seconds) + Double(source.interval.components.attoseconds) / 1e18
            while nextRoundAt <= now { nextRoundAt = nextRoundAt.addingTimeInterval(max(0.01, interval)) }
        }
        guard roundWanted, round == nil else { return }
        roundWanted = false
        let inbox = inbox
        round = Task {
            let results = await source.probeRound()
            let vantages = await source.vantageStatuses()
            if Task.isCancelled { return }
            inbox.post(ProbeRoundReport(results: results, vantages: vantages))
        }
    }

    /// Applies the rounds that arrived; true if there were any.
    private func takeRounds() -> Bool {
        let audited = inbox.drainAudits()
        for findings in audited {
            auditTask = nil
            _ = run(state.apply(.audit(findings, at: clock.now)))
        }
        let arrived = inbox.drain()
        guard !arrived.isEmpty else { return !audited.isEmpty }
        round = nil
        let now = clock.now
        for report in arrived {
            _ = run(state.apply(.probeRound(report.results, at: now)))
            if !report.vantages.isEmpty { _ = run(state.apply(.vantages(report.vantages, at: now))) }
        }
        startAuditIfDue()
        return true
    }

    /// After a round, one audit sweep if the source audits and one is due (the first round, `r`), and
    /// none is running.
    private func startAuditIfDue() {
        guard let source, source.audits, auditWanted, auditTask == nil else { return }
        auditWanted = false
        let inbox = inbox
        auditTask = Task {
            let findings = await source.audit()
            if Task.isCancelled { return }
            inbox.post(audit: findings)
        }
    }

    /// Applies one input and runs its effects; false when the dashboard should end.
    private func handle(_ input: ScreenInput) -> Bool {
        let event: AppEvent
        switch input {
        case let .key(key): event = .key(key)
        case let .mouse(mouse): event = .mouse(mouse, hits.target(x: mouse.x, y: mouse.y))
        case let .resize(size): event = .resize(size)
        case .interrupt: return false
        }
        let running = run(state.apply(event))
        startRoundIfDue()
        return running
    }

    /// Carries out effects; false when one of them ends the dashboard.
    private func run(_ effects: [Effect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit: return false
            case .probeNow:
                roundWanted = true
                auditWanted = true
            case .setPaused: break  // the state holds it; scheduled rounds look at it
            case .themeChanged: screen.use(state.theme)
            case let .export(schema, format): _ = state.apply(export(schema, format))
            case let .recordChanges(events): record(events)
            }
        }
        return true
    }

    /// Appends change events to the `--log` file, one JSON line each; a failure is said once in the log pane.
    private func record(_ events: [ArrowChangeEvent]) {
        guard let changeLog, !changeLogFailed else { return }
        do {
            let text = events.map { $0.line() }.joined()
            if !FileManager.default.fileExists(atPath: changeLog.path) {
                try Data().write(to: changeLog)
            }
            let handle = try FileHandle(forWritingTo: changeLog)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            changeLogFailed = true
            state.live.log(at: clock.now, "cannot write the change log \(changeLog.path): \(error.localizedDescription)", .error)
        }
    }

    private func draw() {
        let frame = AppView.render(state, now: clock.now)
        hits = frame.hits
        screen.draw(frame.canvas)
        needsDraw = false
    }

    /// Writes what the screen shows of the schema to `ID.EXT` (`ExportChoice.fileName`, as `export -o DIR`
    /// names figures) in the export folder, as `export -o` does (`OutputFile`: the folder checked, through a
    /// temporary file of a recognisable name, never over a device): the figure at the level of detail
    /// shown, painted with the arrows' live states in the current theme with the live legend, or a report.
    private func export(_ id: SchemaID, _ choice: ExportChoice) -> AppEvent {
        guard let schema = state.schemas.first(where: { $0.id == id }) else { return .exportFailed("no schema \(id)") }
        let file = exportFolder.appending(path: choice.fileName(id))
        do {
            let diagram = try state.current?.id == id ? state.diagram ?? DiagramLayout.make(schema) : DiagramLayout.make(schema)
            let text: String
            switch choice {
            case let .figure(format):
                let states = state.probing ? state.live.arrowStates(for: schema) : nil
                text = try Exporter(theme: state.theme, states: states).render(diagram, as: format)
            case let .report(format):
                text = state.report(of: schema, diagram: diagram, now: clock.now, machine: Report.localMachine).render(format)
            }
            try OutputFile.write(text, to: file.path)
            return .exported(path: file.path)
        } catch {
            return .exportFailed("\(error)")
        }
    }
}
