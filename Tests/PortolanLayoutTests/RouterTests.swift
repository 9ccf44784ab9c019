import PortolanCore
import Testing

@testable import PortolanLayout

@Suite struct RouterTests {
    /// Two boxes side by side with nothing between them: the route is a straight line, no bends.
    @Test func aClearPathIsStraight() throws {
        let a = Role(id: "a", kind: .clientDevice, label: "A", zone: .lan, placement: PlacementHint(row: 0, column: 0))
        let b = Role(id: "b", kind: .administrationServer, label: "B", zone: .lan, placement: PlacementHint(row: 0, column: 1))
        let c = Connection(label: "1", initiator: "a", responder: "b", port: PortNumber(13000), transport: .tcp, link: .tcp, tls: .yes, purpose: "x")
        let schema = Schema(id: "two", title: "Two", pack: "test", kind: .component, roles: [a, b], connections: [c])
        let diagram = try DiagramLayout.make(schema)
        let route = try #require(diagram.routes.first)
        #expect(Set(route.cells.map(\.y)).count == 1)
        #expect(route.endSide == .right && route.startSide == .left)
        #expect(diagram.labels.first?.lines.map(\.description) == ["13000 TCP TLS"])
        #expect(diagram.labels.first?.lines.first?.marker == "")
    }

    /// Many connections between one pair become one route per link kind, each labelled with all of them.
    @Test func parallelConnectionsAreBundledByKind() throws {
        let a = Role(id: "client", kind: .clientDevice, label: "Client", zone: .lan)
        let b = Role(id: "server", kind: .administrationServer, label: "Server", zone: .lan)
        let tcp = [13000, 14000, 17000].enumerated().map { i, port in
            Connection(label: ArrowLabel(String(i + 3)), initiator: "client", responder: "server", port: PortNumber(port), transport: .tcp, link: .tcp, tls: .yes, purpose: "p")
        }
        let udp = Connection(label: "2", initiator: "client", responder: "server", port: PortNumber(13000), transport: .udp, link: .udp, tls: .notApplicable, purpose: "p")
        let schema = Schema(id: "pair", title: "Pair", pack: "test", kind: .deployment, roles: [a, b], connections: tcp + [udp])
        let diagram = try DiagramLayout.make(schema)
        #expect(diagram.routes.count == 2)
        let tcpLabel = try #require(diagram.labels.first { diagram.routes[$0.route].link == .tcp })
        #expect(tcpLabel.lines.map(\.description) == ["[3] 13000 TCP TLS", "[4] 14000 TCP TLS", "[5] 17000 TCP TLS"])
        #expect(tcpLabel.lines.map(\.marker) == ["[3]", "[4]", "[5]"])
        #expect(DiagramCheck.violations(diagram) == [])
        // Every arrow finds its route by reference; another schema's arrow finds none.
        let udpRoute = try #require(diagram.route(of: ArrowRef(udp, in: "pair")))
        #expect(diagram.routes[udpRoute].link == .udp)
        #expect(diagram.route(of: ArrowRef(tcp[1], in: "pair")).map { diagram.routes[$0].link } == .tcp)
        #expect(diagram.route(of: ArrowRef(udp, in: "other")) == nil)
        #expect(schema.index(of: ArrowRef(tcp[2], in: "pair")) == 2)
    }

    /// COM invoke stays inside the box: no route, a local link in the box.
    @Test func comInvokeIsDrawnInsideTheBox() throws {
        let a = Role(id: "server", kind: .administrationServer, label: "Server", zone: .lan)
        let com = Connection(label: "7", initiator: "server", responder: "server", port: nil, transport: nil, link: .com, tls: .notApplicable, purpose: "local")
        let schema = Schema(id: "com", title: "COM", pack: "test", kind: .deployment, roles: [a], connections: [com])
        let diagram = try DiagramLayout.make(schema)
        #expect(diagram.routes.isEmpty)
        let local = try #require(diagram.locals.first)
        #expect(local.text.text == "COM invoke [7]")
        #expect(diagram.local(of: ArrowRef(com, in: "com"))?.role == "server")
        #expect(try #require(diagram.box("server")).rect.interiorContains(local.text.at))
    }

    @Test func labelTextFollowsTheConventions() {
        func c(_ port: Int?, _ link: LinkKind, _ tls: TLSExpectation, alternatives: [Int] = []) -> Connection {
            Connection(label: "4", initiator: "a", responder: "b", port: port.flatMap(PortNumber.init), alternatives: alternatives.compactMap(PortNumber.init), transport: link.transport, link: link, tls: tls, purpose: "")
        }
        #expect(LabelText.port(c(13000, .tcp, .yes)) == "13000 TCP TLS")
        #expect(LabelText.port(c(17000, .tcp, .unknown)) == "17000 TCP TLS?")
        #expect(LabelText.port(c(15000, .udp, .notApplicable)) == "15000 UDP")
        #expect(LabelText.port(c(1433, .dbms, .unknown, alternatives: [3306])) == "1433|3306 TCP TLS?")
        #expect(LabelText.port(c(nil, .https, .yes)) == "HTTPS")
        #expect(LabelText.line(c(13000, .tcp, .no), numbered: true) == LabelLine(marker: "[4]", text: "13000 TCP"))
    }
}
