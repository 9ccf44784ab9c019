import Foundation
import Testing

@testable import PortolanCore

/// The data rules and the audit need, held against the documents' text: the legacy plaintext 14000 of
/// arrow 4 and the HTTPS default port of the arrows to Kaspersky's servers and the push services.
@Suite struct FirewallDataTests {
    let catalog: Catalog
    let ksc: VendorDocument

    init() throws {
        catalog = Catalog.builtin()
        ksc = VendorDocument(text: try VendorDocument.load("ksc-13.1.txt"))
    }

    static let legacySentence =
        "If you used an earlier version of Kaspersky Security Center, the Administration Server on your network can receive connection from Network Agents through non-SSL port 14000. Kaspersky Security Center also supports connection of Network Agents through port 14000, although using SSL port 13000 is recommended."

    @Test func legacyPlaintext14000IsTheDocumentsWordsOnArrow4OfAgentsToAServer() throws {
        let text = try VendorDocument.load("ksc-13.1.txt")
        for topic in CatalogAgainstDocumentTests.deploymentTopics {
            let lines = try #require(ksc.topic(topic)).lines.joined(separator: "\n")
            #expect(lines.contains(Self.legacySentence), "Topic \(topic) says it")
        }
        #expect(text.contains("non-SSL port 14000"))
        var seen = 0
        for schema in catalog.schemas where schema.kind == .deployment {
            for arrow in schema.connections {
                let agentToServer = arrow.label == "4" && arrow.port?.rawValue == 13000 && arrow.transport == .tcp
                    && [RoleKind.clientDevice, .distributionPoint].contains(schema.role(arrow.initiator)?.kind)
                    && [RoleKind.administrationServer, .secondaryAdministrationServer].contains(schema.role(arrow.responder)?.kind)
                if agentToServer {
                    seen += 1
                    #expect(arrow.legacyPorts == [LegacyPort(port: PortNumber(14000)!, tls: .no, note: Self.legacySentence)],
                        "\(schema.id) 4 \(arrow.initiator)→\(arrow.responder)")
                    #expect(arrow.tls == .yes && arrow.port?.rawValue == 13000, "13000 stays the arrow's own, TLS")
                } else {
                    #expect(arrow.legacyPorts.isEmpty, "\(schema.id) \(arrow.label) \(arrow.initiator)→\(arrow.responder): not agents to a server")
                }
            }
        }
        #expect(seen == 7)  // lan 2, server-in-dmz 1, internet-tmg 1, hierarchy 3
    }

    @Test func httpsArrowsToKasperskyAndThePushServicesCarry443MarkedInferred() throws {
        for topic in CatalogAgainstDocumentTests.deploymentTopics {
            let schema = try #require(catalog.schemas.first { $0.source.hasSuffix("Topic \(topic)") })
            let items = try #require(ksc.topic(topic)).numberedList
            for arrow in schema.connections {
                let responder = schema.role(arrow.responder)?.kind
                let outbound = responder == .kasperskyServers || responder == .pushNotificationService
                let fromServer = [RoleKind.administrationServer, .secondaryAdministrationServer, .iosMDMServer]
                    .contains(schema.role(arrow.initiator)?.kind)
                if outbound, fromServer {
                    #expect(arrow.port == nil && arrow.inferredPort?.rawValue == 443 && arrow.effectivePort?.rawValue == 443,
                        "\(schema.id) \(arrow.label)")
                    // The document names no port for it (so 443 is inferred) ...
                    let item = try #require(items.first { $0.label == arrow.label.rawValue })
                    #expect(CatalogAgainstDocumentTests.ports(in: item.text).isEmpty, "\(schema.id) \(arrow.label): \(item.text)")
                    // ... and the arrow says so: HTTPS named by the document, or a note that 443 is assumed.
                    #expect(item.text.contains("HTTPS") == (arrow.link == .https), "\(schema.id) \(arrow.label)")
                    #expect(arrow.notes.contains { $0.contains("443") && ($0.contains("default") || $0.contains("inferred")) })
                } else {
                    #expect(arrow.inferredPort == nil, "\(schema.id) \(arrow.label) \(arrow.initiator)→\(arrow.responder)")
                }
            }
        }
    }

    @Test func probesIncludeTheInferredPort() throws {
        let text = """
            name: t
            schemas: [ksc13-lan]
            roles: {administration-server: 10.0.0.1, kaspersky-servers: 10.9.9.9}
            """
        let topology = try TopologyReader(catalog: catalog).read(text, file: "t.yaml")
        let plan = try ProbePlan(topology: topology, catalog: catalog)
        #expect(plan.probes.contains { $0.arrow.label == "8" && $0.target.port.rawValue == 443 && $0.target.tls == .yes })
    }
}
