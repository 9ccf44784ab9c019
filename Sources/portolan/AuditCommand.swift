import ArgumentParser
import Foundation
import PortolanCore
import PortolanProbe
import PortolanRender

/// `portolan audit`: open ports that no arrow from the probing vantage point needs.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Sweep the bound hosts from every vantage point and report open ports no arrow from there needs.",
        discussion: """
            Each vantage point of the topology (or this machine, when it names none, and the output says so) \
            probes every bound host on the port set; with a 'zones:' map and a vantage point's 'zone:', only \
            the hosts outside its zone (what the perimeter lets through) unless --inside. An open port is a \
            finding when no watched arrow from that vantage point's roles needs it: needed-elsewhere (arrows \
            need it from other vantage points, which it names), legacy (a port the documents allow but do not \
            recommend, such as plaintext 14000), or unknown. UDP silence is no finding.

            --ports SPEC: comma-separated N, N-M or packs (every port a loaded pack names), each optionally \
            /tcp or /udp (TCP by default); the default is packs,1-1024; --ports 1-65535 sweeps every TCP port.

            Exit status: 0 without findings, 1 with findings, 2 for usage or file errors.
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "The topology file (YAML; see examples/topologies).") var topology: String
    @Option(help: ArgumentHelp("The ports to sweep (default packs,1-1024).", valueName: "SPEC")) var ports = AuditPorts.defaultSpec
    @Flag(help: "Also sweep the hosts in each vantage point's own zone.") var inside = false
    @Flag(help: "Print one JSON document: {topology, started, swept, vantages, findings}.") var json = false
    @Option(help: "Only this schema's arrows and hosts; repeatable.") var schema: [String] = []
    @OptionGroup var limit: TargetLimitOptions

    func run() async throws {
        let started = Date()
        let loaded = try catalog.load()
        let bound = try TopologyReader(catalog: loaded, maximumTargets: limit.maxTargets).read(file: topology)
        let only = try schema.map { try catalog.schema($0, in: loaded).id }
        let plan = try AuditPlan(topology: bound, catalog: loaded, ports: AuditPorts(ports, catalog: loaded), only: only, inside: inside)
        let audit = ExposureAudit(plan: plan, settings: bound.probe, topology: bound)
        let (findings, swept) = await audit.run()
        let statuses = await audit.vantages.statuses()
        await audit.vantages.shutdown()
        if json {
            emit(try ProbeJSONEncoding.string(AuditReportJSON(topology: bound.name, started: started, swept: swept, vantages: statuses, findings: findings)))
        } else {
            emit(AuditTableView(
                findings: findings, topology: bound.name, swept: swept, vantages: statuses, fromHere: bound.vantages.isEmpty,
                insideSkipped: plan.insideSkipped > 0
            ).render(width: outputWidth()))
        }
        if !findings.isEmpty { throw ExitCode.failure }
    }
}
