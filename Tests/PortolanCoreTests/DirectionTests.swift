import Testing

@testable import PortolanCore

/// The subtle directions of the documents: who opens which connection.
@Suite struct DirectionTests {
    let catalog: Catalog

    init() throws { catalog = Catalog.builtin() }

    /// The kinds of initiator and responder of every arrow on `port`/`transport` in a schema.
    func pairs(_ schema: String, _ port: UInt16, _ transport: Transport = .tcp) throws -> Set<String> {
        let schema = try #require(catalog.schema(SchemaID(schema)))
        return Set(
            schema.connections.filter { $0.port?.rawValue == port && $0.transport == transport }.compactMap { c in
                guard let from = schema.role(c.initiator), let to = schema.role(c.responder) else { return nil }
                return "\(from.kind.rawValue)@\(from.zone.rawValue) -> \(to.kind.rawValue)@\(to.zone.rawValue)"
            })
    }

    @Test func secondaryServerInDMZIsCalledByThePrimary() throws {
        #expect(try pairs("ksc13-hierarchy-dmz", 13000) == ["administration-server@lan -> secondary-administration-server@dmz"])
        #expect(try pairs("ksc13-hierarchy-two-secondaries", 13000).contains("administration-server@lan -> secondary-administration-server@dmz"))
        #expect(!(try pairs("ksc13-hierarchy-two-secondaries", 13000).contains("secondary-administration-server@dmz -> administration-server@lan")))
    }

    @Test func secondaryServerOutsideTheDMZCallsThePrimary() throws {
        #expect(try pairs("ksc13-hierarchy", 13000) == ["secondary-administration-server@lan -> administration-server@lan"])
        #expect(try pairs("ksc13-hierarchy-two-secondaries", 13000).contains("secondary-administration-server@internet -> administration-server@lan"))
    }

    @Test func connectionGatewayInDMZIsCalledByTheServer() throws {
        for schema in ["ksc13-gateway-dmz", "ksc13-internet-gateway", "ksc13-server-in-dmz"] {
            let found = try pairs(schema, 13000)
            #expect(found.contains { $0.hasPrefix("administration-server@") && $0.hasSuffix("-> connection-gateway@dmz") }, "\(schema)")
            #expect(!found.contains { $0.hasPrefix("connection-gateway@dmz -> administration-server") }, "\(schema)")
        }
    }

    @Test func gatewayInASegmentTunnelsToTheServer() throws {
        #expect(try pairs("ksc13-gateway-segment", 13000) == ["client-device@lan -> connection-gateway@lan", "connection-gateway@lan -> administration-server@lan"])
    }

    @Test func agentsCallDistributionPoints() throws {
        #expect(try pairs("ksc13-distribution-point", 13000) == ["client-device@lan -> distribution-point@lan"])
        #expect(try pairs("ksc13-distribution-point", 13295) == ["client-device@lan -> distribution-point@lan"])
        #expect(try pairs("ksc13-distribution-point", 15000, .udp) == ["distribution-point@lan -> client-device@lan"])
        #expect(try pairs("ksc13-lan", 13000).contains("client-device@lan -> distribution-point@lan"))
    }

    @Test func serverWakesAgentsOverUDP15000AndAgentsReportShutdownOnUDP13000() throws {
        for schema in ["ksc13-lan", "ksc13-server-agent", "kak6-agent-server"] {
            let wake = try pairs(schema, 15000, .udp)
            #expect(!wake.isEmpty && wake.allSatisfy { $0.hasPrefix("administration-server@") }, "\(schema): \(wake)")
        }
        for schema in ["ksc13-lan", "kak6-agent-server"] {
            let shutdown = try pairs(schema, 13000, .udp)
            #expect(!shutdown.isEmpty && shutdown.allSatisfy { $0.hasSuffix("-> administration-server@lan") }, "\(schema): \(shutdown)")
        }
    }

    @Test func consolesAndBrowsersOpenTheirConnections() throws {
        #expect(try pairs("ksc13-server-console", 13291) == ["administration-console@lan -> administration-server@lan"])
        #expect(try pairs("ksc13-web-console", 8080) == ["browser@lan -> web-console-server@lan"])
        #expect(try pairs("ksc13-web-console", 13299) == ["web-console-server@lan -> administration-server@lan"])
        #expect(try pairs("ksc13-mobile", 17100) == ["mobile-device@internet -> administration-server@lan"])
    }

    @Test func everyArrowJoinsRolesOfItsSchema() {
        for schema in catalog.schemas {
            for c in schema.connections {
                #expect(schema.role(c.initiator) != nil && schema.role(c.responder) != nil, "\(schema.id) \(c.label)")
                if let process = c.process { #expect(schema.role(c.responder)?.processes.contains(process) == true) }
            }
        }
    }
}

/// Administration Kit 6.0: the four ports of article 964.
@Suite struct AdministrationKitTests {
    @Test func agentServerInteraction() throws {
        let text = try VendorDocument.load("kak-6.0.txt")
        let schema = try #require(Catalog.builtin().schema("kak6-agent-server"))
        #expect(text.contains(schema.title))
        #expect(schema.pack == "kak-6.0")
        let arrows = schema.connections.map { c in
            "\(c.initiator)->\(c.responder) \(c.port?.description ?? "-")/\(c.transport?.rawValue ?? "-") tls=\(c.tls.rawValue)"
        }
        #expect(arrows == [
            "client->admin-server 14000/tcp tls=no",
            "admin-server->client 15000/udp tls=n/a",
            "client->admin-server 13000/tcp tls=yes",
            "client->admin-server 13000/udp tls=n/a",
        ])
        for port in ["TCP-port 14000", "UDP port 15000", "13000 TCP-port", "13000 UDP-port"] {
            #expect(text.contains(port), "the article says \(port)")
        }
        #expect(schema.connections[0].purpose.contains("once every 15 (fifteen)"))
    }
}
