import ArgumentParser
import Foundation
import PortolanApp
import PortolanCore
import PortolanLab
import PortolanRender
import PortolanTerminal

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The terminal dashboard: browse the schemas; with a topology, see each arrow's live state.",
        discussion: """
            Without --topology it browses the catalog, opened on the schema viewed last (kept in \
            $XDG_STATE_HOME/portolan/last-schema, else ~/.local/state/portolan/) or the first one. With one, it opens on the topology's first watched \
            schema (or --schema), probes run in the background every --interval seconds and each arrow is \
            coloured by what the network answers. With --attach URL it probes nothing itself: it reads the \
            latest round of a running `portolan watch` every --interval seconds (its arrows turn unknown while \
            the watcher cannot be reached). Standard input and output must be a terminal.

            Keys: ? help, j/k move in the list (each schema shows as you pass), [ ] PgUp PgDn previous/next \
            schema, o focus (list, diagram, log; the log scrolls, F follows, ! problems only), \
            arrows/hjkl pan, Tab/Shift-Tab cycle arrows, Enter select, digits jump to an arrow, \
            / filter (in the arrows table: search, n/N), a arrows table (s sort, S reverse, ! problems only, Enter \
            shows the arrow on the map), e export, t theme, r probe now, p pause, q quit. A keymap file (--keymap) \
            can rebind them. --audit also sweeps the bound hosts once after the first round (and again on r), as \
            `portolan audit` does, and shows what it finds as "exposed" rows of the arrows table.
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
    @Flag(help: "With --topology: after the first round and on r, sweep the bound hosts as `portolan audit` does; findings show as exposed rows of the arrows table (a).")
    var audit = false
    @Option(name: .customLong("audit-ports"), help: ArgumentHelp("The ports --audit sweeps (default packs,1-1024; see `portolan audit --help`).", valueName: "SPEC"))
    var auditPorts = AuditPorts.defaultSpec

    @OptionGroup var limit: TargetLimitOptions

    func validate() throws {
        guard interval >= 0.2, interval <= 3600 else { throw ValidationError("--interval must be within 0.2...3600 seconds") }
        if topology != nil, attach != nil { throw ValidationError("--topology probes, --attach shows a watcher: give one of them") }
        if attachCA != nil, attach == nil { throw ValidationError("--attach-ca goes with --attach") }
        if audit, topology == nil { throw ValidationError("--audit goes with --topology: it sweeps the topology's bound hosts") }
        if auditPorts != AuditPorts.defaultSpec, !audit { throw ValidationError("--audit-ports goes with --audit") }
    }

    func run() throws {
        let loaded = try catalog.load()
        let first = try schema.map { try catalog.schema($0, in: loaded) }
        let themes = try Theme.cycle(startingWith: theme)
        let keys = try keymap.map { path -> KeyMap in
            try KeyMap.read(try TextFile.read(path, what: "keymap file"), file: path)
        }
        let changeLog = try log.map(ChangeLogFile.checked)
        var source: (any LiveSource)?
        var firstWatched: SchemaID?
        if let topology {
            let bound = try TopologyReader(catalog: loaded, maximumTargets: limit.maxTargets).read(file: topology)
            var probing = try TopologySource(topology: bound, catalog: loaded, interval: .milliseconds(Int(interval * 1000)))
            if audit {
                probing.auditPlan = try AuditPlan(topology: bound, catalog: loaded, ports: AuditPorts(auditPorts, catalog: loaded))
            }
            firstWatched = probing.round.plan.schemas.first
            source = probing
        } else if let attach {
            try TerminalScreen.check()
            let attached = try AttachSource.connect(attach, caFile: attachCA, interval: .milliseconds(Int(interval * 1000)))
            firstWatched = attached.schemas.first
            source = attached
        }
        let lastViewed = LastViewed()
        let remembered = lastViewed.read(among: loaded.schemas)
        let screen = try TerminalScreen(theme: themes[0])
        let state = AppState(
            catalog: loaded, size: screen.size, keyMap: keys ?? .standard, themes: themes, topologyName: source?.topologyName,
            first: first?.id ?? firstWatched, remembered: remembered, layoutsInBackground: true)
        screen.runDashboard(state, source: source, changeLog: changeLog, layouts: BuiltinFirstLayouts(), lastViewed: lastViewed)
        if let source { runToCompletion { await source.shutdown() } }
    }
}
