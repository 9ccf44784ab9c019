import ArgumentParser
import Foundation
import PortolanCore
import PortolanRules

extension RuleFormat: ExpressibleByArgument {}

/// `portolan rules`: the firewall rules a topology's bound schemas imply.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Write the firewall allow rules that a topology's bound schemas imply (nftables, iptables, Windows, CSV, Markdown).",
        discussion: """
            Every responder host gets inbound allow rules for its arrows' ports (as moved by the topology, \
            the DBMS port picked by its DBMS kind), from the initiators' addresses or blocks, each naming its \
            schema and arrow. With a 'zones:' map, traffic that crosses zones also gets forward rules for the \
            perimeter. An initiator bound to no host takes its zone's blocks as the source, or any (with a \
            warning) where the topology does not name that zone. Ports the documents allow but do not \
            recommend (plaintext 14000) are left out unless --legacy; an HTTPS arrow without a port gets 443, \
            marked inferred. Warnings go to standard error as well.
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "The topology file (YAML; see examples/topologies).") var topology: String
    @Option(help: "nftables, iptables, windows, csv or markdown.") var format: RuleFormat = .nftables
    @Option(help: ArgumentHelp("Only the host rules of this responder host (an address or name as bound).", valueName: "HOST"))
    var host: String?
    @Option(help: ArgumentHelp("Only rules towards this zone (lan, dmz, internet, vendor-cloud); needs a 'zones:' map.", valueName: "ZONE"))
    var zone: String?
    @Flag(help: "Also open the legacy ports the documents allow but do not recommend (plaintext 14000).") var legacy = false
    @Option(help: "Only this schema's arrows; repeatable.") var schema: [String] = []
    @OptionGroup var limit: TargetLimitOptions

    func run() throws {
        let loaded = try catalog.load()
        let bound = try TopologyReader(catalog: loaded, maximumTargets: limit.maxTargets).read(file: topology)
        var options = RuleOptions(legacy: legacy, schemas: try schema.map { try catalog.schema($0, in: loaded).id })
        if let host { options.host = IPAddress(host).map(TargetHost.address) ?? .name(host.lowercased()) }
        if let zone {
            guard let parsed = Zone(rawValue: zone) else {
                throw CommandFailure(message: "--zone '\(zone)': expected one of \(Zone.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard bound.zones.contains(where: { $0.zone == parsed }) else {
                throw CommandFailure(message: "--zone \(zone): \(topology) has no 'zones:' entry for it (add zones: {\(zone): [CIDR, ...]})")
            }
            options.zone = parsed
        }
        let set = try RuleSet(topology: bound, catalog: loaded, options: options)
        if let host = options.host, set.rules.isEmpty {
            throw CommandFailure(message: "--host \(host): no arrow of \(topology) answers on that host")
        }
        for warning in set.warnings { FileHandle.standardError.write(Data("portolan: warning: \(warning)\n".utf8)) }
        emit(format.render(set))
    }
}
