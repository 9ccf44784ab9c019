import Foundation
import PortolanCore
import PortolanRules
import PortolanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `portolan rules`: the rule set a bound topology implies, written in every form; golden files for the
/// forms people read (Windows, CSV, Markdown), and the real tools' own checks for the forms machines
/// load (`nft -c`, `iptables-restore --test`).
@Suite struct RuleFormatTests {
    /// The Administration Server in the DMZ with a LAN DBMS (PostgreSQL), one laptop block, a moved
    /// console port and zones, so that forward rules, DBMS picks, moves and unbound initiators all show.
    static let site = """
        name: head-office
        schemas: [ksc13-server-in-dmz]
        dbms: postgres
        ports: {13291: 13391}
        zones:
          lan: [10.20.0.0/16]
          dmz: [192.168.50.0/24]
          internet: [203.0.113.0/24]
        roles:
          ksc13-server-in-dmz/admin-server: 192.168.50.10
          ksc13-server-in-dmz/web-console: 192.168.50.11
          ksc13-server-in-dmz/dbms: 10.20.1.5
          ksc13-server-in-dmz/laptop: [203.0.113.16/30]
        """

    /// The LAN schema without zones: host rules only, and unbound initiators take any source.
    static let flat = """
        name: branch
        schemas: [ksc13-lan]
        roles:
          administration-server: 10.1.0.10
          ksc13-lan/client-direct: [10.1.2.0/24, "2001:db8::20"]
        """

    static func rules(_ text: String, file: String, options: RuleOptions = RuleOptions()) throws -> RuleSet {
        let catalog = Catalog.builtin()
        let topology = try TopologyReader(catalog: catalog, readFile: { _ in nil }).read(text, file: file)
        return try RuleSet(topology: topology, catalog: catalog, options: options)
    }

    static let goldenFormats = [RuleFormat.windows, .csv, .markdown]
    static var goldenNames: [String] { goldenFormats.map { "rules-head-office.\($0.rawValue).txt" } }

    @Test(arguments: goldenFormats)
    func goldenChangeRequests(format: RuleFormat) throws {
        let set = try Self.rules(Self.site, file: "head-office.yaml")
        golden.check(format.render(set), "rules-head-office.\(format.rawValue).txt")
    }

    @Test func directionFollowsTheArrows() throws {
        let set = try Self.rules(Self.site, file: "head-office.yaml")
        func host(_ port: UInt16, _ transport: Transport, on address: String) -> [FirewallRule] {
            set.hostRules.filter {
                $0.port.rawValue == port && $0.transport == transport && $0.destination == .hosts([RuleAddress(IPAddress(address)!)])
            }
        }
        // UDP 15000 is opened on the managed devices for the server; 13000 on the server for the agents.
        #expect(host(15000, .udp, on: "203.0.113.17").isEmpty, "a block's hosts are not addresses of rules: the block is")
        let toLaptops = set.hostRules.filter { $0.port.rawValue == 15000 }
        #expect(toLaptops.map(\.destination) == [.hosts([.block(CIDRBlock("203.0.113.16/30")!)])])
        #expect(toLaptops.allSatisfy { $0.sources == .hosts([RuleAddress(IPAddress("192.168.50.10")!)]) })
        let tcp13000 = host(13000, .tcp, on: "192.168.50.10")
        #expect(tcp13000.map(\.sources) == [.hosts([.block(CIDRBlock("203.0.113.16/30")!)])])
        #expect(host(15000, .udp, on: "192.168.50.10").isEmpty, "the server opens no 15000")
        // DBMS kind postgres picks 5432; the console port is moved to 13391; arrow 8 is 443, inferred.
        #expect(!host(5432, .tcp, on: "10.20.1.5").isEmpty && host(1433, .tcp, on: "10.20.1.5").isEmpty)
        let console = host(13391, .tcp, on: "192.168.50.10")
        #expect(console.first?.origin == .moved(from: PortNumber(13291)!))
        // The unbound console takes the LAN's blocks as its source, said in a warning.
        #expect(console.first?.sources == .hosts([.block(CIDRBlock("10.20.0.0/16")!)]))
        #expect(set.warnings.contains { $0.contains("'admin-console' is not bound") && $0.contains("zone 'lan'") })
        let https = set.forwardRules.filter { $0.port.rawValue == 443 && $0.origin == .inferred }
        #expect(https.contains { $0.arrows.contains { $0.label == "8" } && $0.destination == .any })
        // Forward rules only where zones are crossed: the web console talks to the server inside the DMZ.
        #expect(!set.forwardRules.contains { $0.port.rawValue == 13299 })
        #expect(set.forwardRules.contains { $0.port.rawValue == 5432 && $0.destinationZone == .lan })
        // 14000 only with --legacy, marked legacy.
        #expect(host(14000, .tcp, on: "192.168.50.10").isEmpty)
        let legacy = try Self.rules(Self.site, file: "head-office.yaml", options: RuleOptions(legacy: true))
        #expect(legacy.hostRules.contains { $0.port.rawValue == 14000 && $0.origin.word.hasPrefix("legacy") })
    }

    @Test func withoutZonesHostRulesOnlyAndAnyForUnboundInitiators() throws {
        let set = try Self.rules(Self.flat, file: "branch.yaml")
        #expect(set.forwardRules.isEmpty && !set.hasZones)
        #expect(set.hostRules.contains { $0.port.rawValue == 13291 && $0.sources == .any })
        #expect(set.warnings.contains { $0.contains("'admin-console' is not bound") && $0.contains("the source is any") })
        #expect(NftablesFormat.render(set).contains("chain forward") == false)
    }

    @Test func hostAndZoneFilters() throws {
        let host = try Self.rules(Self.site, file: "head-office.yaml", options: RuleOptions(host: .address(IPAddress("10.20.1.5")!)))
        #expect(!host.rules.isEmpty && host.rules.allSatisfy { $0.scope == .host && $0.destination == .hosts([RuleAddress(IPAddress("10.20.1.5")!)]) })
        let lan = try Self.rules(Self.site, file: "head-office.yaml", options: RuleOptions(zone: .lan))
        #expect(!lan.rules.isEmpty && lan.rules.allSatisfy { $0.destinationZone == .lan })
    }

    /// Every generated nftables file passes `nft -c`, every iptables one `iptables-restore --test`
    /// (both only check; nothing is loaded).
    @Test(.enabled(if: geteuid() == 0, "nft -c and iptables-restore --test need root"), .requires("nft", "iptables-restore"),
        arguments: [(site, "head-office.yaml"), (flat, "branch.yaml")])
    func theFirewallsAcceptTheirFiles(topology: String, file: String) throws {
        for options in [RuleOptions(), RuleOptions(legacy: true), RuleOptions(zone: topology == Self.site ? .dmz : nil)] {
            let set = try Self.rules(topology, file: file, options: options)
            for (format, command) in [(RuleFormat.nftables, ["nft", "-c", "-f"]), (.iptables, ["iptables-restore", "--test"])] {
                let unique = "\(getpid())-\(file)-\(UInt32.random(in: 0...UInt32.max))"
                let path = FileManager.default.temporaryDirectory.appending(path: "portolan-rules-\(unique).\(format.rawValue)").path
                try Data(format.render(set).utf8).write(to: URL(fileURLWithPath: path))
                defer { try? FileManager.default.removeItem(atPath: path) }
                let check = try PortolanProcess.run(command + [path], portolan: false)
                #expect(check.status == 0, "\(format) for \(file) \(options): \(check.stderr)\n\(format.render(set))")
            }
        }
    }
}
