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
    /// The longest a step waits for input while a layout runs, so that the figure shows soon after it is done.
    static let layoutPoll: Duration = .milliseconds(30)

    public private(set) var state: AppState
    private let screen: any Screen
    private let source: (any LiveSource)?
    private let exportFolder: URL
    private let clock: any DashboardClock
    private var hits = HitMap()
    /// Probe rounds and audit findings handed from their background tasks to the loop.
    private let inbox = Inbox<ProbeRoundReport>()
    private let auditInbox = Inbox<[ExposureFinding]>()
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
    private var changeLogFile: EventFile?
    /// Where layouts come from; they run on `layoutQueue`, never on the loop's thread.
    private let layouts: any SchemaLayouts
    private let layoutQueue = DispatchQueue(label: "portolan.dashboard.layout")
    private let layoutInbox = Inbox<LaidOut>()
    /// The layout running on the queue, if any (one at a time; the newest request goes next).
    private var layoutRunning: LayoutRequest?
    /// How long a step waits for a layout it started before drawing "laying out…": a quick layout never
    /// flashes the mark, a slow one never holds keys longer than this.
    private let layoutPatience: Duration
    /// Where the schema on display is kept for the next start, if anywhere.
    private let lastViewed: LastViewed?
    private var keptSchema: SchemaID?

    /// - Parameters:
    ///   - source: probes the topology; nil to browse the catalog only.
    ///   - exportFolder: where `e` writes exported files.
    ///   - changeLog: a file that every change of an arrow's state is appended to, as a JSON line.
    ///   - clock: the wall clock, or a manual one in tests.
    ///   - layouts: lays out the figures `state.pendingLayout` asks for (with `layoutsInBackground`).
    ///   - layoutPatience: how long a step waits for a layout before drawing "laying out…".
    ///   - lastViewed: keeps the schema on display for the next start.
    public init(
        state: AppState, screen: any Screen, source: (any LiveSource)?, exportFolder: URL, changeLog: URL? = nil,
        clock: any DashboardClock = WallClock(), layouts: any SchemaLayouts = DirectLayouts(), layoutPatience: Duration = .milliseconds(100),
        lastViewed: LastViewed? = nil
    ) {
        self.state = state
        self.layouts = layouts
        self.layoutPatience = layoutPatience
        self.lastViewed = lastViewed
        keptSchema = state.current?.id
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
        layOutPatiently()
        if needsDraw { draw() }
        let input = screen.nextInput(timeout: timeout())
        var changed = takeRounds()
        if takeLayouts() { changed = true }
        var running = true
        if let input {
            changed = true
            running = handle(input)
            layOutPatiently()
        }
        if changed || needsDraw { draw() }
        keepSchemaOnDisplay()
        return running
    }

    /// True while a layout runs off the loop.
    public var isLayingOut: Bool { layoutRunning != nil }

    /// Waits (at most until `deadline`) for the layout running off the loop; the next `step()` shows it.
    ///
    /// - Returns: true when it finished.
    public func waitForLayout(until deadline: Date) -> Bool {
        layoutRunning == nil || layoutInbox.wait(until: deadline)
    }

    /// Starts the layout the state waits for and gives it `layoutPatience` to finish.
    private func layOutPatiently() {
        guard startLayoutIfNeeded(), layoutInbox.wait(until: Date().addingTimeInterval(layoutPatience.milliseconds / 1000)) else { return }
        if takeLayouts() { needsDraw = true }
    }

    /// Starts the layout the state waits for, unless one runs; true if it started one.
    @discardableResult
    private func startLayoutIfNeeded() -> Bool {
        guard layoutRunning == nil, let request = state.pendingLayout, let schema = state.current, schema.id == request.schema else { return false }
        layoutRunning = request
        let inbox = layoutInbox, layouts = layouts, charset = state.charset
        layoutQueue.async { inbox.post(request.run(schema, charset: charset, layouts: layouts)) }
        return true
    }

    /// Applies the layouts that finished; true if there were any.
    private func takeLayouts() -> Bool {
        let finished = layoutInbox.drain()
        guard !finished.isEmpty else { return false }
        layoutRunning = nil
        for result in finished { _ = state.apply(.laidOut(result)) }
        startLayoutIfNeeded()
        return true
    }

    /// Writes the schema on display to the `LastViewed` file when it changed.
    private func keepSchemaOnDisplay() {
        guard let lastViewed, let id = state.current?.id, id != keptSchema else { return }
        keptSchema = id
        lastViewed.write(id)
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
        if layoutRunning != nil { return Self.layoutPoll }
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
            let interval = source.interval.milliseconds / 1000
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
        let audited = auditInbox.drain()
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
        let inbox = auditInbox
        auditTask = Task {
            let findings = await source.audit()
            if Task.isCancelled { return }
            inbox.post(findings)
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

    /// Appends change events to the `--log` file, one JSON line each (opened at the first change, kept open);
    /// a failure is said once in the log pane.
    private func record(_ events: [ArrowChangeEvent]) {
        guard let changeLog, !changeLogFailed, !events.isEmpty else { return }
        let failure: String?
        do {
            let file = try changeLogFile ?? EventFile(path: changeLog.path)
            changeLogFile = file
            failure = file.write(events)
        } catch {
            failure = "\(error)"
        }
        guard let failure else { return }
        changeLogFailed = true
        state.live.log(at: clock.now, "cannot write the change log: \(failure)", .error)
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
            let diagram = try (state.current?.id == id ? state.diagram : nil) ?? layouts.diagram(schema, width: nil, height: nil, detail: nil)
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
