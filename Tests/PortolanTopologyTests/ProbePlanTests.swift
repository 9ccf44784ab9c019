import Foundation
import PortolanCore
import Testing

@Suite struct ProbePlanTests {
    func plan(_ text: String, only: [SchemaID] = []) throws -> ProbePlan {
        try ProbePlan(topology: try readTopology(text), catalog: Catalog.builtin(), only: only)
    }

    func ports(_ plan: ProbePlan, label: String) -> [String] {
        plan.probes.filter { $0.arrow.label.rawValue == label }.map { "\($0.target.host):\($0.target.port)/\($0.target.transport)" }
    }

    @Test func dbmsKindPicksThePort() throws {
        let base = "schemas: [ksc13-lan]\nroles:\n  dbms: 10.0.0.5\n"
        #expect(ports(try plan(base), label: "1") == ["10.0.0.5:1433/tcp"])
        #expect(ports(try plan(base + "dbms: mssql\n"), label: "1") == ["10.0.0.5:1433/tcp"])
        #expect(ports(try plan(base + "dbms: mariadb\n"), label: "1") == ["10.0.0.5:3306/tcp"])
        // Not among the documented ports: the product's own port.
        #expect(ports(try plan(base + "dbms: postgres\n"), label: "1") == ["10.0.0.5:5432/tcp"])
    }

    @Test func portMovesApplyBindingFirst() throws {
        let result = try plan(
            """
            schemas: [ksc13-lan]
            ports: {13000/tcp: 13100, 15000: 15100}
            roles:
              administration-server: 10.0.0.1
              distribution-point: {hosts: 10.0.0.2, ports: {13000: 13200}}
              client-device: 10.0.0.3
            """)
        #expect(ports(result, label: "4") == ["10.0.0.1:13100/tcp", "10.0.0.1:13100/tcp", "10.0.0.2:13200/tcp"])
        #expect(ports(result, label: "3") == ["10.0.0.1:13000/udp", "10.0.0.1:13000/udp"])
        #expect(ports(result, label: "2") == ["10.0.0.3:15100/udp", "10.0.0.2:15100/udp", "10.0.0.3:15100/udp"])
        // Arrows 3 and 4 share hosts and ports: each distinct target is probed once.
        #expect(result.targets.count < result.probes.count)
    }

    @Test func roleIdsBeatKinds() throws {
        let result = try plan(
            """
            roles:
              client-device: 10.0.1.0/30
              ksc13-lan/client-via-dp: 10.0.9.9
            """)
        // Without `schemas:`, every schema with a bound responder is watched.
        #expect(result.schemas.contains("ksc13-lan"))
        #expect(result.schemas.allSatisfy { id in result.probes.contains { $0.arrow.schema == id } })
        let toClients = result.probes.filter { $0.arrow.label == "2" && $0.arrow.schema == "ksc13-lan" }
        #expect(toClients.filter { $0.arrow.to == "client-direct" }.map(\.target.host.description) == ["10.0.1.1", "10.0.1.2"])
        #expect(toClients.filter { $0.arrow.to == "client-via-dp" }.map(\.target.host.description) == ["10.0.9.9"])
        // The Administration Server is not bound: its arrows are skipped, with the reason.
        #expect(result.skipped.contains { $0.arrow.schema == "ksc13-lan" && $0.arrow.label == "6" && $0.reason == "responder 'admin-server' is not bound to a host" })
        #expect(result.skipped.contains { $0.arrow.label == "7" && $0.reason == "COM invoke inside one device" })
    }

    @Test func tlsExpectationAndVantageComeAlong() throws {
        let result = try plan(
            """
            schemas: [ksc13-lan]
            roles:
              administration-server: ksc.example
            vantages:
              - {name: clients, command: [ssh, ops@pc, portolan, agent], roles: [client-device]}
            """)
        let agentPort = try #require(result.probes.first { $0.arrow.label == "4" && $0.arrow.from == "client-direct" })
        #expect(agentPort.target.tls == .yes)
        #expect(agentPort.vantage == "clients")
        let console = try #require(result.probes.first { $0.arrow.label == "6" })
        #expect(console.vantage == nil)
        let udp = try #require(result.probes.first { $0.arrow.label == "3" })
        #expect(udp.target.tls == .notApplicable)
        #expect(throws: LocatedError.self) { try plan("roles: {dbms: 10.0.0.1}\n", only: ["no-such-schema"]) }
    }
}

@Suite struct NothingToProbeTests {
    /// A topology whose watched schemas have no responder bound probes nothing: an error, not 0 probes.
    @Test func aTopologyBindingNoArrowIsAnError() throws {
        let topology = try readTopology("schemas: [ksc13-lan]\nroles:\n  administration-console: 10.0.0.9\n")
        let error = #expect(throws: LocatedError.self) { try ProbePlan(topology: topology, catalog: Catalog.builtin()) }
        #expect(error?.message == "nothing to probe: no responder of the watched schemas is bound")
        #expect(error?.hint?.contains("ksc13-lan") == true)
    }
}
