import ArgumentParser
import Foundation
import PortolanApp
import PortolanCore
import PortolanProbe
import PortolanRender
import PortolanTerminal
import PortolanWatch

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The terminal dashboard: browse the schemas; with a topology, see each arrow's live state.",
        discussion: """
            Without --topology it browses the catalog. With one, it opens on the topology's first watched \
            schema (or --schema), probes run in the background every --interval seconds and each arrow is \
            coloured by what the network answers. With --attach URL it probes nothing itself: it reads the \
            latest round of a running `portolan watch` every --interval seconds (its arrows turn unknown while \
            the watcher cannot be reached). Standard input and output must be a terminal.

            Keys: ? help, arrows/hjkl pan, Tab/Shift-Tab cycle arrows, Enter select, digits jump to an arrow, \
            / filter, e export, t theme, r probe now, p pause, q quit. A keymap file (--keymap) can rebind them.
            """)

    @OptionGroup var catalog: CatalogOptions
    @Option(help: ArgumentHelp("Bind this topology and probe it live.", valueName: "FILE")) var topology: String?
    @Option(help: "Open this schema first.") var schema: String?
    @Option(help: ArgumentHelp("A built-in theme (ksc, mono, high-contrast, light) or a theme file.", valueName: "NAME|PATH"))
    var theme: String = "ksc"
    @Option(help: ArgumentHelp("A keymap file: 'keys:' mapping key names to actions.", valueName: "FILE")) var keymap: String?
    @Option(help: ArgumentHelp("Seconds between probe rounds.", valueName: "SECONDS")) var interval: Double = 5
    @Option(help: ArgumentHelp(
        "Show a running `portolan watch` instead of probing: http://HOST:PORT or https://USER:PASSWORD@HOST:PORT.", valueName: "URL"))
    var attach: String?
    @Option(name: .customLong("attach-ca"), help: ArgumentHelp("Trust this PEM file's certificates for an https watcher.", valueName: "FILE"))
    var attachCA: String?
    @Option(help: ArgumentHelp("Append every change of an arrow's live state to FILE, one JSON object per line.", valueName: "FILE"))
    var log: String?

    @Option(help: ArgumentHelp("The most targets the topology may bind (default 100000).", valueName: "N"))
    var maxTargets = TopologyReader.defaultMaximumTargets

    func validate() throws {
        guard interval >= 0.2, interval <= 3600 else { throw ValidationError("--interval must be within 0.2...3600 seconds") }
        if topology != nil, attach != nil { throw ValidationError("--topology probes, --attach shows a watcher: give one of them") }
        if attachCA != nil, attach == nil { throw ValidationError("--attach-ca goes with --attach") }
        if maxTargets < 1 { throw ValidationError("--max-targets must be at least 1") }
    }

    func run() throws {
        let loaded = try catalog.load()
        let first = try schema.map { try catalog.schema($0, in: loaded) }
        let themes = try Self.themes(startingWith: theme)
        let keys = try keymap.map { path -> KeyMap in
            try KeyMap.read(try TextFile.read(path, what: "keymap file"), file: path)
        }
        let changeLog = try log.map(Self.changeLog)
        var source: (any LiveSource)?
        var firstWatched: SchemaID?
        if let topology {
            let bound = try TopologyReader(catalog: loaded, maximumTargets: maxTargets).read(file: topology)
            let probing = try TopologySource(topology: bound, catalog: loaded, interval: .milliseconds(Int(interval * 1000)))
            firstWatched = probing.round.plan.schemas.first
            source = probing
        } else if let attach {
            try Self.checkTerminal()
            let attached = try AttachSource.connect(attach, caFile: attachCA, interval: .milliseconds(Int(interval * 1000)))
            firstWatched = attached.schemas.first
            source = attached
        }
        let screen = try Self.openScreen(themes[0])
        let state = Self.initialState(
            loaded, size: screen.size, keyMap: keys ?? .standard, themes: themes, source: source, first: first?.id ?? firstWatched)
        Self.runDashboard(state, on: screen, source: source, changeLog: changeLog)
        if let source { Self.wait { await source.shutdown() } }
    }

    /// Refuses, before anything is opened or drawn, a terminal the dashboard cannot run on.
    ///
    /// - Parameter hint: appended to the message (the demo points to `--no-tui`).
    /// - Throws: `CommandFailure` (exit 2) saying why.
    static func checkTerminal(hint: String? = nil) throws {
        do {
            try TerminalScreen.check()
        } catch {
            throw CommandFailure(message: error.description + (hint.map { "; \($0)" } ?? ""))
        }
    }

    /// Opens the screen.
    ///
    /// - Throws: `CommandFailure` (exit 2) if the terminal cannot be used.
    static func openScreen(_ theme: Theme) throws -> TerminalScreen {
        do {
            return try TerminalScreen(theme: theme)
        } catch let error as TerminalUnavailable {
            throw CommandFailure(message: error.description)
        }
    }

    /// Runs the dashboard's loop on the terminal until `q` or a stop signal, then restores the terminal.
    /// Exports go to the current folder.
    static func runDashboard(_ state: AppState, on screen: TerminalScreen, source: (any LiveSource)?, changeLog: URL? = nil) {
        defer { screen.close() }
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        DashboardLoop(state: state, screen: screen, source: source, exportFolder: folder, changeLog: changeLog).run()
    }

    /// The `--log` file, checked before the screen opens: it can be created or appended to.
    ///
    /// - Throws: `CommandFailure` (exit 2) naming the file and what is wrong.
    static func changeLog(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw CommandFailure(message: "--log \(path): is a folder; give a file to append JSON lines to") }
            guard FileManager.default.isWritableFile(atPath: path) else { throw CommandFailure(message: "--log \(path): not writable") }
        } else {
            let folder = url.deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(message: "--log \(path): the folder \(folder) does not exist")
            }
            guard FileManager.default.isWritableFile(atPath: folder) else { throw CommandFailure(message: "--log \(path): cannot create a file in \(folder)") }
        }
        return url
    }

    /// The dashboard's first state: with `first`, that schema open and the focus on its diagram (the
    /// list's cursor on it); otherwise the catalog list.
    static func initialState(
        _ catalog: Catalog, size: ScreenSize, keyMap: KeyMap, themes: [Theme], source: (any LiveSource)?, first: SchemaID?
    ) -> AppState {
        var state = AppState(
            schemas: catalog.schemas, conventions: catalog.conventions, size: size, keyMap: keyMap,
            themes: themes, live: LiveState(topologyName: source?.topologyName), probing: source != nil)
        if let schema = first.flatMap(catalog.schema) {
            state.cursor = state.visibleSchemas.firstIndex { $0.id == schema.id } ?? 0
            state.open(schema)
            state.focus = .diagram
        }
        return state
    }

    /// Runs `body` to its end from synchronous code (the dashboard's loop owns the main thread).
    static func wait(_ body: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await body()
            done.signal()
        }
        done.wait()
    }

    /// The chosen theme first, then the other built-in ones for `t` to cycle through.
    static func themes(startingWith choice: String) throws -> [Theme] {
        let names = ["ksc", "mono", "high-contrast", "light"]
        let chosen: Theme
        if let builtin = Theme.builtin(choice) {
            chosen = builtin
        } else if FileManager.default.fileExists(atPath: choice) {
            chosen = try Theme.parse(try TextFile.read(choice, what: "theme file"), file: choice)
        } else {
            throw CommandFailure(message: "no theme '\(choice)' (built-in: \(names.joined(separator: ", ")); or give a theme file's path)")
        }
        return [chosen] + names.filter { $0 != chosen.name }.compactMap(Theme.builtin)
    }
}

/// Live probes of a topology's arrows, one round at a time, each from its initiator's vantage point.
struct TopologySource: LiveSource {
    let topologyName: String
    let interval: Duration
    let round: TopologyRound

    /// Binds an already-read topology (the demo builds one in memory).
    init(topology: Topology, catalog: Catalog, interval: Duration) throws {
        self.init(plan: try ProbePlan(topology: topology, catalog: catalog), topology: topology, interval: interval)
    }

    /// Probes exactly `plan`, made from `topology` (the demo leaves out ports it could not open).
    init(plan: ProbePlan, topology: Topology, interval: Duration) {
        round = TopologyRound(plan: plan, settings: topology.probe, topology: topology)
        topologyName = topology.name
        self.interval = interval
    }

    func probeRound() async -> [ProbeResult] {
        CertificateWarnings.apply(to: await round.run(), now: Date(), days: round.settings.expiryWarningDays)
    }

    func vantageStatuses() async -> [VantageStatus] { await round.vantages.statuses() }

    func shutdown() async { await round.vantages.shutdown() }
}
