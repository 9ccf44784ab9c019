import ArgumentParser
import Foundation
import PortolanApp
import PortolanCore
import PortolanLab
import PortolanRender
import PortolanTerminal

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A simulated deployment on loopback, probed live in the dashboard; no root, nothing leaves the machine.",
        discussion: """
            Opens, inside this process, the ports of every responder of the schemas ksc13-lan and \
            ksc13-server-agent, one address 127.0.0.x per role kind (from 127.0.0.21), with TLS where the \
            documents say TLS. A few documented ports are left closed on purpose and one flaps (closed and \
            reopened every --flap seconds), so the dashboard shows red arrows and live changes. Only these \
            addresses and ports are probed. A port some other program holds is reported, not fatal, and \
            not probed (its answers would be that program's).

            The dashboard needs a terminal on standard input and output; without one the demo refuses \
            (exit 2). --no-tui prints one probe table instead and exits 0. --export DIR also writes every schema in \
            every format to DIR/FORMAT/. Needs the whole 127.0.0.0/8 on loopback (Linux has it).
            """)

    @OptionGroup var catalog: CatalogOptions
    @Flag(name: .customLong("no-tui"), help: "Print one probe table instead of opening the dashboard.") var noTUI = false
    @Option(help: ArgumentHelp("Also write every schema in every format to DIR/FORMAT/.", valueName: "DIR")) var export: String?
    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "S")) var duration: Double?
    @Option(help: ArgumentHelp("Seconds between the flapping port's changes.", valueName: "S")) var flap: Double = 5
    @Option(help: ArgumentHelp("Seconds between probe rounds in the dashboard.", valueName: "S")) var interval: Double = 2
    @Option(help: ArgumentHelp("The first role kind's address; the others follow it (127.0.0.21, .22, ...).", valueName: "ADDR"))
    var firstAddress = "127.0.0.21"
    @Flag(name: .shortAndLong, help: "With --no-tui, also print the mimics' log of each connection to standard error.")
    var verbose = false

    func validate() throws {
        if let duration, !(0.1...86_400).contains(duration) { throw ValidationError("--duration must be within 0.1...86400 seconds") }
        guard (0.5...3600).contains(flap) else { throw ValidationError("--flap must be within 0.5...3600 seconds") }
        guard (0.2...3600).contains(interval) else { throw ValidationError("--interval must be within 0.2...3600 seconds") }
        guard DemoDeployment.octets(firstAddress) != nil else {
            throw ValidationError("--first-address must be 127.X.Y.Z with Z at most \(255 - RoleKind.allCases.count)")
        }
    }

    func run() async throws {
        if !noTUI {
            do {
                try TerminalScreen.check()
            } catch {
                throw CommandFailure(error.description + "; 'portolan demo --no-tui' prints the probe table instead")
            }
        }
        let loaded = try catalog.load()
        if let export {
            let count = try ExportFiles.writeEveryFormat(loaded.schemas, into: export)
            FileHandle.standardError.write(Data("demo: wrote \(count) schemas × \(ExportFormat.allCases.count) formats to \(export)\n".utf8))
        }
        // Log lines would scribble over the dashboard, and drown the table unless asked for.
        let demo = try await DemoSession.start(
            catalog: loaded, firstAddress: firstAddress, interval: .milliseconds(Int(interval * 1000)), flapEvery: flap,
            duration: duration, logConnections: noTUI && verbose)
        let messages = demo.claim.messages.map { "demo: \($0)\n" }.joined()
        if noTUI {
            FileHandle.standardError.write(Data(messages.utf8))
            let results = await demo.source.probeRound()
            emit(ProbeTableView(results: results, topology: demo.topology.name, note: demo.note).render(width: outputWidth()))
        } else {
            try runDashboard(loaded, demo)
        }
        await demo.shutdown()
        // Under the dashboard these would have been drawn over; they are in its event log too.
        if !noTUI { FileHandle.standardError.write(Data(messages.utf8)) }
    }

    /// Opens the dashboard on the demo topology, as `portolan tui --topology` does; `--duration` ends it
    /// with the SIGTERM that the terminal's own handler turns into a clean exit.
    private func runDashboard(_ loaded: Catalog, _ demo: DemoSession) throws {
        let themes = try Theme.cycle(startingWith: "ksc")
        let screen = try TerminalScreen(theme: themes[0])
        var state = AppState(catalog: loaded, size: screen.size, themes: themes, topologyName: demo.source.topologyName, first: demo.deployment.firstSchema, layoutsInBackground: true)
        let now = Date()
        for message in demo.claim.messages { state.live.log(at: now, message, .unknown) }
        let timer = duration.map { seconds in
            Task.detached {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                kill(getpid(), SIGTERM)
            }
        }
        screen.runDashboard(state, source: demo.source, layouts: BuiltinFirstLayouts())
        timer?.cancel()
    }
}
