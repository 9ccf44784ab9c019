import Foundation
import PortolanCore
import PortolanLab
import PortolanProbe
import Testing

/// The demo's simulated deployment and its claims, without opening a port.
@Suite struct DemoDeploymentTests {
    static let catalog: Catalog? = Catalog.builtin()

    @Test func oneAddressPerKindFromTheFirst() throws {
        let deployment = try DemoDeployment(catalog: try #require(Self.catalog), firstAddress: "127.0.2.131")
        #expect(deployment.firstSchema == "ksc13-lan")
        #expect(deployment.addresses[.administrationServer] == IPAddress("127.0.2.131"))
        #expect(deployment.addresses[.dbms] == IPAddress("127.0.2.133"))
        // The closed ports are not opened; the flapping one is, and is named.
        #expect(deployment.closedEndpoints.map(\.description).sorted() == ["127.0.2.131:17000/tcp", "127.0.2.133:1433/tcp"])
        #expect(!deployment.endpoints.contains { deployment.closedEndpoints.contains($0) })
        #expect(deployment.flapping?.description.hasPrefix("127.0.2.131:13291/tcp") == true)
        #expect(deployment.closedNote == "closed on purpose: 127.0.2.131:17000/tcp, 127.0.2.133:1433/tcp")
    }

    @Test func theTopologyBindsEveryKindItOpens() throws {
        let catalog = try #require(Self.catalog)
        let deployment = try DemoDeployment(catalog: catalog, firstAddress: "127.0.2.131")
        let topology = try TopologyReader(catalog: catalog).read(deployment.topologyText, file: "demo")
        let plan = try ProbePlan(topology: topology, catalog: catalog)
        let hosts = Set(plan.probes.map { $0.target.host.description })
        #expect(hosts == Set(deployment.addresses.values.map(\.description)).intersection(hosts))
        #expect(plan.schemas == ["ksc13-lan", "ksc13-server-agent"])
    }

    @Test func aBadFirstAddressOrCatalogIsRefused() throws {
        #expect(DemoDeployment.octets("127.0.0.21") == [127, 0, 0, 21])
        #expect(DemoDeployment.octets("10.0.0.1") == nil, "loopback only")
        #expect(DemoDeployment.octets("127.0.0.250") == nil, "no room for every kind")
        let empty = Catalog(packs: [])
        let error = #expect(throws: CommandFailure.self) { try DemoDeployment(catalog: empty) }
        #expect(error?.description.contains("none of the demo's schemas") == true)
    }

    @Test func aRefusedPortLeavesItsArrowsOutOfThePlan() throws {
        let catalog = try #require(Self.catalog)
        var deployment = try DemoDeployment(catalog: catalog, firstAddress: "127.0.2.131")
        let held = try #require(deployment.endpoints.first { $0.port.rawValue == 14000 && $0.transport == .tcp })
        deployment.leaveOut([held])
        #expect(!deployment.endpoints.contains(held))
        let topology = try TopologyReader(catalog: catalog).read(deployment.topologyText, file: "demo")
        var plan = try ProbePlan(topology: topology, catalog: catalog)
        let before = plan.probes.count
        let claim = DemoClaim(refused: [held: "port in use"], plan: &plan)
        #expect(plan.probes.count < before)
        #expect(!plan.probes.contains { $0.target.port == held.port && $0.target.host == .address(held.address) && $0.target.transport == .tcp })
        #expect(claim.messages == ["cannot open 127.0.2.131:14000/tcp (port in use): not probed, arrow ksc13-server-agent 3"])
        #expect(claim.summary?.contains("127.0.2.131:14000/tcp (port in use; arrow ksc13-server-agent 3)") == true)
    }

    /// The demo's audit sweeps exactly the endpoints the demo opens (no range, nothing another program
    /// might hold), and with every one of them open it finds only the deliberate exposure.
    @Test func theAuditSweepsOnlyWhatTheDemoOpensAndFindsTheExposure() throws {
        let catalog = try #require(Self.catalog)
        let deployment = try DemoDeployment(catalog: catalog, firstAddress: "127.0.2.131")
        let exposure = try #require(deployment.exposure)
        #expect(exposure.description == "127.0.2.131:3389/tcp")
        #expect(deployment.endpoints.contains(exposure))
        let topology = try TopologyReader(catalog: catalog).read(deployment.topologyText, file: "demo")
        let plan = try deployment.auditPlan(topology: topology, catalog: catalog)
        let sweep = try #require(plan.sweeps.first)
        #expect(plan.sweeps.count == 1 && sweep.vantage == nil, "from here: the demo names no vantage point")
        let swept = sweep.targets.map { "\($0.host):\($0.port)/\($0.transport.rawValue)" }
        #expect(Set(swept) == Set(deployment.endpoints.map { "\($0.address):\($0.port)/\($0.transport.rawValue)" }))
        #expect(swept.count == deployment.endpoints.count)
        let open = sweep.targets.map { _ in ProbeOutcome(address: nil, state: .open, reason: .synAck) }
        let findings = plan.findings(sweep, outcomes: open)
        #expect(findings.map { "\($0.host):\($0.port)/\($0.transport.rawValue) \($0.kind.rawValue)" } == ["127.0.2.131:3389/tcp unknown"])
        var refused = deployment
        refused.leaveOut([exposure])
        #expect(refused.exposure == nil && !refused.endpoints.contains(exposure), "a port another program holds is neither opened nor swept")
    }
}
