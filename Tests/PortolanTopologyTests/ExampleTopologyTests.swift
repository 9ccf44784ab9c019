import Foundation
import PortolanCore
import Testing

/// The example topologies in examples/topologies read and plan without errors.
@Suite struct ExampleTopologyTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/topologies").standardizedFileURL.path

    @Test(arguments: ["head-office", "gateway-in-dmz", "two-secondaries", "loopback"])
    func exampleReadsAndPlans(name: String) throws {
        let catalog = Catalog.builtin()
        let topology = try TopologyReader(catalog: catalog).read(file: "\(Self.folder)/\(name).yaml")
        #expect(topology.name == name)
        let plan = try ProbePlan(topology: topology, catalog: catalog)
        #expect(!plan.probes.isEmpty)
        #expect(plan.schemas == topology.schemas)
    }

    @Test func gatewayExampleMovesPortsAndNamesVantages() throws {
        let catalog = Catalog.builtin()
        let topology = try TopologyReader(catalog: catalog).read(file: "\(Self.folder)/gateway-in-dmz.yaml")
        let plan = try ProbePlan(topology: topology, catalog: catalog)
        let dbms = plan.probes.filter { $0.arrow.to == "dbms" }.map { "\($0.target.host):\($0.target.port)" }
        #expect(dbms == ["10.10.0.6:5433"])
        let gateway = plan.probes.filter { $0.arrow.to == "gateway" && $0.arrow.label == "4" }
        #expect(gateway.map(\.target.port.rawValue) == [13000, 13000])
        let server = plan.probes.filter { $0.arrow.to == "admin-server" && $0.target.transport == .tcp }
        #expect(server.contains { $0.target.port.rawValue == 13291 })
        #expect(!server.contains { $0.target.port.rawValue == 13000 })
        #expect(Set(gateway.compactMap(\.vantage)) == ["internet-probe"])
        #expect(topology.vantages.map(\.command.first) == ["ssh", "ip"])
    }
}
