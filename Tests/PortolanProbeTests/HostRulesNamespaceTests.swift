import Foundation
import PortolanCore
@testable import PortolanProbe
import PortolanRules
import PortolanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Whether nftables' `nft` is installed.

/// Proof of the generated host rules: an Administration Server namespace with listeners on every
/// documented port and on extra ones loads `portolan rules` nftables output; from the initiators' zone
/// only the documented ports answer, from another zone none. Three namespaces the test makes and
/// removes; nothing leaves them. Needs root, `ip` and `nft`.
@Suite(.serialized, .enabled(if: geteuid() == 0, "network namespaces need root"), .requires("ip", "nft"))
struct HostRulesNamespaceTests {
    /// The server at 10.231.0.10; every initiator of the LAN schema bound to the initiators' zone 10.231.1.0/24.
    static let topology = """
        name: host-proof
        schemas: [ksc13-lan]
        roles:
          administration-server: 10.231.0.10
          ksc13-lan/client-direct: 10.231.1.0/24
          ksc13-lan/distribution-point: 10.231.1.0/24
          ksc13-lan/admin-console: 10.231.1.0/24
          ksc13-lan/web-console: 10.231.1.0/24
        """

    @Test func onlyTheDocumentedPortsAnswerAndOnlyFromTheInitiatorsZone() throws {
        let catalog = Catalog.builtin()
        let bound = try TopologyReader(catalog: catalog, readFile: { _ in nil }).read(Self.topology, file: "host-proof.yaml")
        let set = try RuleSet(topology: bound, catalog: catalog, options: RuleOptions(host: .address(IPAddress("10.231.0.10")!)))
        let documented = Set(set.hostRules.map { "\($0.port)/\($0.transport.rawValue)" })
        #expect(documented == ["13000/tcp", "13000/udp", "17000/tcp", "13291/tcp", "13299/tcp"])

        // The server's namespace loads the generated rules; the two zones are plain namespaces.
        let server = try TestNamespace(rules: NftablesFormat.render(set))
        defer { server.remove() }
        let initiators = try TestNamespace(rules: "")
        defer { initiators.remove() }
        let other = try TestNamespace(rules: "")
        defer { other.remove() }
        for (zone, net, name) in [(initiators, "10.231.1", "zi"), (other, "10.231.2", "zo")] {
            // The veth is made inside the server's namespace with its peer inside the zone's: no host interface.
            try TestNamespace.run(["ip", "-n", server.name, "link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", zone.name])
            try TestNamespace.run(["ip", "-n", server.name, "addr", "add", "\(net).1/24", "dev", name])
            try TestNamespace.run(["ip", "-n", server.name, "link", "set", name, "up"])
            try TestNamespace.run(["ip", "-n", zone.name, "addr", "add", "\(net).2/24", "dev", "eth0"])
            try TestNamespace.run(["ip", "-n", zone.name, "link", "set", "eth0", "up"])
            try TestNamespace.run(["ip", "-n", zone.name, "route", "add", "default", "via", "\(net).1"])
        }
        try TestNamespace.run(["ip", "-n", server.name, "addr", "add", "10.231.0.10/32", "dev", "lo"])

        // Listeners on every documented port (UDP 13000 echoes) and on extra ones.
        let extraTCP: [UInt16] = [14000, 13292, 8080, 22]
        let listeners = try server.run {
            var sockets: [TestSocket] = []
            for port: UInt16 in [13000, 17000, 13291, 13299] + extraTCP { sockets.append(try TestSocket(.tcp, host: "10.231.0.10", port: port)) }
            let echo = try UDPEcho(host: "10.231.0.10", port: 13000)
            let extraEcho = try UDPEcho(host: "10.231.0.10", port: 15000)
            return (sockets, [echo, extraEcho])
        }
        let address = IPAddress("10.231.0.10")!
        let targets = ([13000, 17000, 13291, 13299] + extraTCP).map { scanTarget(address, PortNumber(rawValue: $0)!, .tcp) }
            + [13000, 15000].map { scanTarget(address, PortNumber(rawValue: $0)!, .udp) }
        func probe(from zone: TestNamespace) throws -> [String: PortState] {
            let outcomes = try zone.run {
                SocketScanner(options: ScanOptions(timeoutCeiling: .seconds(2), timeoutFloor: .milliseconds(150), retries: 1)).scan(targets)
            }
            return Dictionary(uniqueKeysWithValues: zip(targets, outcomes).map { ("\($0.port)/\($0.transport.rawValue)", $1.state) })
        }
        let fromInitiators = try probe(from: initiators)
        let answering = Set(fromInitiators.filter { $0.value == .open }.map(\.key))
        #expect(answering == documented, "from the initiators' zone: \(fromInitiators)")
        #expect(fromInitiators.filter { !documented.contains($0.key) }.allSatisfy { $0.value == .filtered || $0.value == .openFiltered })
        let fromOther = try probe(from: other)
        #expect(fromOther.allSatisfy { $0.value == .filtered || $0.value == .openFiltered }, "from another zone: \(fromOther)")
        withExtendedLifetime(listeners) {}
    }
}
