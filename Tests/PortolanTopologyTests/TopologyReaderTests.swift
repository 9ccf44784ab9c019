import Foundation
import PortolanCore
import Testing

/// Reads topology text with an in-memory hosts file.
func readTopology(_ text: String, files: [String: String] = [:]) throws -> Topology {
    let reader = TopologyReader(catalog: Catalog.builtin()) { files[$0] }
    return try reader.read(text, file: "site/topo.yaml")
}

/// The located error reading `text` throws.
func topologyError(_ text: String, files: [String: String] = [:]) -> LocatedError? {
    do {
        _ = try readTopology(text, files: files)
        return nil
    } catch {
        return error as? LocatedError
    }
}

@Suite struct TopologyReaderTests {
    @Test func readsEveryKindOfBinding() throws {
        let topology = try readTopology(
            """
            name: head-office
            schemas: [ksc13-lan]
            dbms: mysql
            ports: {13000: 13100, 15000/udp: 15100}
            probe: {timeout-ms: 800, min-timeout-ms: 50, concurrency: 512, retries: 2, expiry-warning-days: 10}
            roles:
              administration-server: ksc.corp.example
              dbms: {hosts: [10.0.0.5, "fd00::5"], ports: {3306: 3307}}
              ksc13-lan/client-direct: [10.0.1.0/30, {file: clients.txt}]
              distribution-point: 10.0.2.1
            vantages:
              - name: lan
                command: [ip, netns, exec, lan, portolan, agent]
                roles: [client-device, ksc13-lan/distribution-point]
            """, files: ["site/clients.txt": "# clients\n10.0.1.9 10.0.1.10\n\npc-17.corp.example  # desk\n"])
        #expect(topology.name == "head-office")
        #expect(topology.schemas == ["ksc13-lan"])
        #expect(topology.dbms == .mysql)
        #expect(topology.probe.timeoutMilliseconds == 800)
        #expect(topology.probe.minimumTimeoutMilliseconds == 50)
        #expect(topology.probe.concurrency == 512)
        #expect(topology.probe.retries == 2)
        #expect(topology.probe.expiryWarningDays == 10)
        let port = { PortNumber($0)! }
        #expect(topology.ports.apply(port(13000), .tcp) == port(13100))
        #expect(topology.ports.apply(port(15000), .udp) == port(15100))
        #expect(topology.ports.apply(port(15000), .tcp) == nil)
        #expect(topology.bindings.map(\.selector) == [
            .kind(.administrationServer), .kind(.dbms), .role(schema: "ksc13-lan", id: "client-direct"),
            .kind(.distributionPoint),
        ])
        #expect(topology.bindings[0].hosts == [.name("ksc.corp.example")])
        #expect(topology.bindings[1].hosts.map(\.description) == ["10.0.0.5", "fd00::5"])
        #expect(topology.bindings[1].ports.apply(port(3306), .tcp) == port(3307))
        // A /30 without network and broadcast, then the file's hosts in order.
        #expect(topology.bindings[2].hosts.map(\.description) == ["10.0.1.1", "10.0.1.2", "10.0.1.9", "10.0.1.10", "pc-17.corp.example"])
        #expect(topology.vantages.count == 1)
        #expect(topology.vantages[0].command == ["ip", "netns", "exec", "lan", "portolan", "agent"])
        #expect(topology.vantages[0].roles == [.kind(.clientDevice), .role(schema: "ksc13-lan", id: "distribution-point")])
    }

    @Test func defaultsNameToFileName() throws {
        let topology = try readTopology("roles:\n  dbms: 10.0.0.5\n")
        #expect(topology.name == "topo")
        #expect(topology.probe == ProbeSettings())
    }

    @Test func unknownRoleKindIsLocated() throws {
        let error = try #require(topologyError("roles:\n  administration-sever: 10.0.0.1\n"))
        #expect(error.location?.description == "site/topo.yaml:2:3")
        #expect(error.message == "unknown role kind or role id 'administration-sever'")
        #expect(error.hint == "did you mean 'administration-server'?")
    }

    @Test func badHostsAreLocated() throws {
        let cases: [(String, String, String)] = [
            ("roles:\n  dbms: [10.0.0.5, 10.0.0.256]\n", "site/topo.yaml:2:20", "bad IPv4 address '10.0.0.256'"),
            ("roles:\n  dbms: fe80::zz\n", "site/topo.yaml:2:9", "bad IPv6 address 'fe80::zz'"),
            ("roles:\n  dbms: db_1!.corp\n", "site/topo.yaml:2:9", "bad host 'db_1!.corp'"),
            ("roles:\n  dbms: 10.0.0.0/33\n", "site/topo.yaml:2:9", "bad CIDR block '10.0.0.0/33'"),
            ("roles:\n  dbms: 10.0.0.0/8\n", "site/topo.yaml:2:9", "CIDR block '10.0.0.0/8' holds 16777216 addresses"),
        ]
        for (text, place, message) in cases {
            let error = try #require(topologyError(text))
            #expect(error.location?.description == place)
            #expect(error.message == message)
        }
    }

    @Test func hostsFileErrorsNameTheHostsFile() throws {
        let error = try #require(topologyError(
            "roles:\n  client-device: {file: clients.txt}\n", files: ["site/clients.txt": "10.0.1.1\n  10.0.1.2 300.1.1.1\n"]))
        #expect(error.location?.description == "site/clients.txt:2:12")
        // The entry is not quoted: a hosts file that is the wrong file must not be printed.
        #expect(error.message == "bad IPv4 address")
        let missing = try #require(topologyError("roles:\n  client-device: {file: nowhere.txt}\n"))
        #expect(missing.location?.description == "site/topo.yaml:2:25")
    }

    @Test func unknownKeysAreLocated() throws {
        let top = try #require(topologyError("name: x\nrole:\n  dbms: 10.0.0.5\n"))
        #expect(top.description == "site/topo.yaml:2:1: unknown key 'role' in topology (did you mean 'roles'?)")
        let probe = try #require(topologyError("probe:\n  timeout: 5\n"))
        #expect(probe.location?.description == "site/topo.yaml:2:3")
        let binding = try #require(topologyError("roles:\n  dbms: {host: 10.0.0.5}\n"))
        #expect(binding.location?.description == "site/topo.yaml:2:10")
        #expect(binding.message.contains("unknown key 'host'"))
    }

    @Test func schemaAndRoleIdsAreChecked() throws {
        let schema = try #require(topologyError("schemas: [ksc13-lan, ksc13-lam]\n"))
        #expect(schema.location?.description == "site/topo.yaml:1:22")
        #expect(schema.message == "unknown schema 'ksc13-lam'")
        let role = try #require(topologyError("roles:\n  ksc13-lan/dmz-gateway: 10.0.0.1\n"))
        #expect(role.message == "role 'dmz-gateway' is not defined in schema 'ksc13-lan'")
        #expect(role.location?.description == "site/topo.yaml:2:3")
    }

    @Test func vantagesAreValidated() throws {
        let shell = try #require(topologyError("vantages:\n  - {name: a, command: \"ssh gw portolan agent\", roles: [dbms]}\n"))
        #expect(shell.message.contains("list of arguments"))
        #expect(shell.location?.description == "site/topo.yaml:2:24")
        let twice = try #require(topologyError(
            "vantages:\n  - {name: a, command: [x], roles: [dbms]}\n  - {name: a, command: [y], roles: [browser]}\n"))
        #expect(twice.message == "duplicate vantage point 'a'")
        let empty = try #require(topologyError("vantages:\n  - {name: a, command: [], roles: [dbms]}\n"))
        #expect(empty.message == "vantage 'a' has an empty command")
        let role = try #require(topologyError("vantages:\n  - {name: a, command: [x], roles: [no-such-role]}\n"))
        #expect(role.location?.description == "site/topo.yaml:2:37")
    }

    @Test func probeSettingsAreRangeChecked() throws {
        let error = try #require(topologyError("probe: {retries: 99}\n"))
        #expect(error.message == "retries must be within 0...10, not 99")
        let dbms = try #require(topologyError("dbms: oracle\n"))
        #expect(dbms.hint == "expected one of: mssql, mysql, mariadb, postgres")
    }
}
