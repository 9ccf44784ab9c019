import ArgumentParser
import Foundation
import PortolanApp
import PortolanCore
import PortolanLayout
import PortolanProbe
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

    func validate() throws {
        if let duration, !(0.1...86_400).contains(duration) { throw ValidationError("--duration must be within 0.1...86400 seconds") }
        guard (0.5...3600).contains(flap) else { throw ValidationError("--flap must be within 0.5...3600 seconds") }
        guard (0.2...3600).contains(interval) else { throw ValidationError("--interval must be within 0.2...3600 seconds") }
        guard DemoDeployment.octets(firstAddress) != nil else {
            throw ValidationError("--first-address must be 127.X.Y.Z with Z at most \(255 - RoleKind.allCases.count)")
        }
    }

    func run() async throws {
        if !noTUI { try TuiCommand.checkTerminal(hint: "'portolan demo --no-tui' prints the probe table instead") }
        let loaded = try catalog.load()
        if let export { try DemoExport.write(loaded.schemas, to: export) }
        var deployment = try DemoDeployment(catalog: loaded, firstAddress: firstAddress)
        let quiet = !noTUI  // log lines would scribble over the dashboard
        let mimic = Mimic(onEvent: { event in
            // A port that would not open is said once, below, with what it means for the probes.
            if case .failed = event { return }
            if !quiet { MimicLog.write(event) }
        })
        let refused = await DemoClaim.refusals(of: deployment, opening: mimic)
        deployment.leaveOut(refused.keys)
        let topology = try TopologyReader(catalog: loaded).read(deployment.topologyText, file: "demo topology")
        var plan = try ProbePlan(topology: topology, catalog: loaded)
        let claim = DemoClaim(refused: refused, plan: &plan)
        let source = TopologySource(plan: plan, topology: topology, interval: .milliseconds(Int(interval * 1000)))
        let flapping = Self.flap(deployment.flapping, in: mimic, every: flap, for: duration)
        defer { flapping.cancel() }
        if noTUI {
            FileHandle.standardError.write(Data(claim.messages.map { "demo: \($0)\n" }.joined().utf8))
            let results = await source.probeRound()
            var note = "Simulated on loopback: \(deployment.closedNote). Flapping: \(deployment.flapping.map(\.description) ?? "none")."
            if let summary = claim.summary { note += " " + summary }
            emit(ProbeTable.render(results, topology: topology.name, note: note))
        } else {
            try runDashboard(loaded, source: source, first: deployment.firstSchema, claim: claim)
        }
        await source.shutdown()
        flapping.cancel()
        await mimic.shutdown()
        // Under the dashboard these would have been drawn over; they are in its event log too.
        if !noTUI { FileHandle.standardError.write(Data(claim.messages.map { "demo: \($0)\n" }.joined().utf8)) }
    }

    /// Opens the dashboard on the demo topology, as `portolan tui --topology` does; `--duration` ends it
    /// with the SIGTERM that the terminal's own handler turns into a clean exit.
    private func runDashboard(_ loaded: Catalog, source: TopologySource, first: SchemaID, claim: DemoClaim) throws {
        let themes = try TuiCommand.themes(startingWith: "ksc")
        let screen = try TuiCommand.openScreen(themes[0])
        var state = TuiCommand.initialState(loaded, size: screen.size, keyMap: .standard, themes: themes, source: source, first: first)
        let now = Date()
        for message in claim.messages { state.live.log(at: now, message, .unknown) }
        let timer = duration.map { seconds in
            Task.detached {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                kill(getpid(), SIGTERM)
            }
        }
        TuiCommand.runDashboard(state, on: screen, source: source)
        timer?.cancel()
    }

    /// Closes and reopens `endpoint` every `seconds`, a bounded number of times.
    private static func flap(_ endpoint: MimicEndpoint?, in mimic: Mimic, every seconds: Double, for duration: Double?) -> Task<Void, Never> {
        Task.detached {
            guard let endpoint else { return }
            let limit = Int(min(duration ?? 86_400, 86_400) / seconds) + 1
            for change in 0..<limit {
                do {
                    try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                } catch {
                    return
                }
                if change % 2 == 0 {
                    await mimic.close(endpoint)
                } else {
                    try? await mimic.open(endpoint)
                }
            }
        }
    }
}

/// The simulated deployment: which kind lives at which address, which ports open, stay closed or flap.
struct DemoDeployment {
    /// The schemas the demo stands for, in order; those missing from the catalog are left out.
    static let schemaIDs: [SchemaID] = ["ksc13-lan", "ksc13-server-agent"]
    /// A documented port of a role kind.
    struct KindPort {
        var kind: RoleKind
        var port: UInt16
        var transport: Transport

        func matches(_ kind: RoleKind, _ endpoint: MimicEndpoint) -> Bool {
            kind == self.kind && endpoint.port.rawValue == port && endpoint.transport == transport
        }
    }

    /// Documented ports left closed on purpose: the DBMS and the Administration Server's port for mobile devices.
    static let closed = [KindPort(kind: .dbms, port: 1433, transport: .tcp), KindPort(kind: .administrationServer, port: 17000, transport: .tcp)]
    /// The port that is closed and reopened: the Administration Server's port for the Administration Console.
    static let flapping = KindPort(kind: .administrationServer, port: 13291, transport: .tcp)

    var firstSchema: SchemaID
    /// One address per role kind that answers on some port.
    var addresses: [RoleKind: IPAddress] = [:]
    /// Every endpoint to open (the flapping one included, the closed ones not).
    var endpoints: [MimicEndpoint] = []
    var closedEndpoints: [MimicEndpoint] = []
    var flapping: MimicEndpoint?

    /// - Throws: `CommandFailure` if the catalog holds none of the demo's schemas.
    init(catalog: Catalog, firstAddress: String = "127.0.0.21") throws {
        guard let octets = Self.octets(firstAddress) else { throw CommandFailure(message: "--first-address \(firstAddress): not usable") }
        let schemas = Self.schemaIDs.compactMap(catalog.schema)
        guard let first = schemas.first else {
            throw CommandFailure(message: "the catalog has none of the demo's schemas (\(Self.schemaIDs.map(\.rawValue).joined(separator: ", ")))")
        }
        firstSchema = first.id
        for (index, kind) in RoleKind.allCases.enumerated() {
            guard let address = IPAddress("\(octets[0]).\(octets[1]).\(octets[2]).\(octets[3] + index)") else { continue }
            let opened = MimicPlan.endpoints(for: kind, in: schemas, addresses: [address])
            guard !opened.isEmpty else { continue }
            addresses[kind] = address
            for endpoint in opened {
                if Self.closed.contains(where: { $0.matches(kind, endpoint) }) {
                    closedEndpoints.append(endpoint)
                    continue
                }
                if Self.flapping.matches(kind, endpoint) {
                    flapping = endpoint
                }
                endpoints.append(endpoint)
            }
        }
    }

    /// The four numbers of a loopback address whose last one leaves room for every role kind.
    static func octets(_ address: String) -> [Int]? {
        let octets = address.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4, octets[0] == 127, octets.allSatisfy({ (0...255).contains($0) }),
            octets[3] >= 1, octets[3] + RoleKind.allCases.count <= 255
        else { return nil }
        return octets
    }

    /// The topology binding each kind to its address, in the topology file format.
    var topologyText: String {
        var text = "name: demo\nschemas: [\(Self.schemaIDs.map(\.rawValue).joined(separator: ", "))]\nroles:\n"
        for (kind, address) in addresses.sorted(by: { $0.value < $1.value }) { text += "  \(kind.rawValue): \(address)\n" }
        return text + "probe: {timeout-ms: 300, min-timeout-ms: 50, retries: 0}\n"
    }

    /// Forgets endpoints the demo could not have: they are neither opened, kept closed nor flapped.
    mutating func leaveOut(_ refused: some Sequence<MimicEndpoint>) {
        let refused = Set(refused)
        endpoints.removeAll(where: refused.contains)
        closedEndpoints.removeAll(where: refused.contains)
        if let flapping, refused.contains(flapping) { self.flapping = nil }
    }

    /// "closed on purpose: 127.0.0.22:1433/tcp, ..." for the table's note.
    var closedNote: String {
        "closed on purpose: " + (closedEndpoints.isEmpty ? "none" : closedEndpoints.map(\.description).joined(separator: ", "))
    }
}

/// The ports the demo could not have, and the arrows left out of its probes for them.
///
/// The demo probes only what it controls: a port it opened, or one it left closed on purpose and found
/// free. Where another program listens (or the address is not on this machine), a probe would report
/// that program, not the simulated deployment, so the port's arrows are not probed and this says so.
struct DemoClaim {
    /// Why each endpoint could not be opened ("port in use").
    var refused: [MimicEndpoint: String]
    /// The arrows whose probes were removed from the plan, per endpoint.
    var leftOut: [MimicEndpoint: [ArrowRef]]

    /// Removes from `plan` every probe whose target is a refused endpoint.
    init(refused: [MimicEndpoint: String], plan: inout ProbePlan) {
        self.refused = refused
        var leftOut: [MimicEndpoint: [ArrowRef]] = [:]
        plan.probes.removeAll { probe in
            guard let endpoint = refused.keys.first(where: { Self.targets(probe.target, $0) }) else { return false }
            leftOut[endpoint, default: []].append(probe.arrow)
            return true
        }
        self.leftOut = leftOut
    }

    /// Opens the deployment's ports in `mimic` and checks that those closed on purpose are free (a
    /// listener opened and closed at once on a spare mimic); returns the endpoints it could not have.
    static func refusals(of deployment: DemoDeployment, opening mimic: Mimic) async -> [MimicEndpoint: String] {
        var refused: [MimicEndpoint: String] = [:]
        for endpoint in deployment.endpoints {
            do { try await mimic.open(endpoint) } catch { refused[endpoint] = reason(error) }
        }
        let spare = Mimic()
        for endpoint in deployment.closedEndpoints {
            do { try await spare.open(endpoint) } catch { refused[endpoint] = reason(error) }
        }
        await spare.shutdown()
        return refused
    }

    private static func reason(_ error: Error) -> String { (error as? MimicFailure)?.reason ?? "\(error)" }

    private static func targets(_ target: ProbeTarget, _ endpoint: MimicEndpoint) -> Bool {
        target.host == .address(endpoint.address) && target.port == endpoint.port && target.transport == endpoint.transport
    }

    /// One line per refused endpoint: "cannot open 127.0.0.21:13299/tcp tls (port in use): not probed, arrows ksc13-lan 9".
    var messages: [String] {
        refused.sorted { $0.key < $1.key }.map { endpoint, reason in
            "cannot open \(endpoint) (\(reason)): not probed, " + Self.arrows(leftOut[endpoint] ?? [])
        }
    }

    /// The table's note, or nil when every port was the demo's own.
    var summary: String? {
        guard !refused.isEmpty else { return nil }
        let items = refused.sorted { $0.key < $1.key }.map { endpoint, reason in "\(endpoint) (\(reason); \(Self.arrows(leftOut[endpoint] ?? [])))" }
        return "Not opened, so not probed (another program holds them?): \(items.joined(separator: ", "))."
    }

    private static func arrows(_ arrows: [ArrowRef]) -> String {
        arrows.isEmpty ? "no arrow" : "arrow" + (arrows.count == 1 ? " " : "s ") + arrows.map { "\($0.schema) \($0.label)" }.joined(separator: ", ")
    }
}

/// Every schema in every export format, as `portolan export all --format F -o DIR/F` would write them.
enum DemoExport {
    static func write(_ schemas: [Schema], to folder: String) throws {
        let exporter = Exporter()
        var diagrams: [Diagram] = []
        for schema in schemas {
            do throws(LayoutError) {
                diagrams.append(try DiagramLayout.make(schema, width: nil))
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        for format in ExportFormat.allCases {
            try ExportFiles.writeAll(diagrams, format: format, exporter: exporter, into: (folder as NSString).appendingPathComponent(format.rawValue))
        }
        FileHandle.standardError.write(Data("demo: wrote \(diagrams.count) schemas × \(ExportFormat.allCases.count) formats to \(folder)\n".utf8))
    }
}
