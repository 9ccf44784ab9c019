import Foundation
import PortolanApp
import PortolanCore
import PortolanLayout
import PortolanRender
import Testing

/// Every arrow in its own live state: shared lines show the worst, labels their own, and the status bar
/// counts exactly what the figure colours.
@Suite struct LiveColouringTests {
    func frame(_ state: AppState) -> Canvas { AppView.render(state, now: Fixtures.noon).canvas }

    func refs(_ route: Route, _ schema: SchemaID) -> [ArrowRef] { route.arrows }

    func routeIndex(_ diagram: Diagram, _ arrow: ArrowRef) -> Int? { diagram.route(of: arrow) }

    /// Where each arrow's label line is on screen, and the style of its first visible character.
    func labelStyles(_ state: AppState, _ canvas: Canvas) -> [ArrowRef: StyleRole] {
        guard let diagram = state.diagram else { return [:] }
        let viewport = ScreenLayout(state.size).diagram
        var out: [ArrowRef: StyleRole] = [:]
        for placed in diagram.labels {
            let route = diagram.routes[placed.route]
            let arrows = refs(route, diagram.schema.id)
            guard placed.lines.count == arrows.count else { continue }
            for (row, arrow) in arrows.enumerated() {
                let y = placed.rect.y + row - state.pan.y + viewport.y
                for dx in 0..<placed.rect.width {
                    let x = placed.rect.x + dx - state.pan.x + viewport.x
                    guard viewport.contains(CellPoint(x: x, y: y)), canvas[x, y].character != " " else { continue }
                    out[arrow] = canvas[x, y].style
                    break
                }
            }
        }
        return out
    }

    @Test func theDemosFourBesideFiveEachShowTheirOwnState() throws {
        var state = Fixtures.opened("ksc13-lan", width: 300, height: 100, probing: true)
        _ = state.apply(.probeRound(Fixtures.round("ksc13-lan", states: ["5": .closed]), at: Fixtures.noon))
        let canvas = frame(state)
        let styles = labelStyles(state, canvas)
        let four = try #require(styles.first { $0.key.label == "4" })
        let five = try #require(styles.first { $0.key.label == "5" })
        #expect(four.value == .health(.asDocumented), "[4] 13000 is open as documented")
        #expect(five.value == .health(.closed), "[5] 17000 is closed")
        let diagram = try #require(state.diagram)
        if let shared = routeIndex(diagram, four.key), shared == routeIndex(diagram, five.key) {
            let viewport = ScreenLayout(state.size).diagram
            let cell = diagram.routes[shared].cells[0]
            #expect(canvas[cell.x - state.pan.x + viewport.x, cell.y - state.pan.y + viewport.y].style == .health(.closed), "the shared line shows the worse")
        }
        try Golden.check(canvas, "live-four-beside-five")
    }

    /// A pack of one schema whose three arrows run from one client to one server: one trunk.
    static let trunkPack: [String: String] = [
        "pack.yaml": "id: trunk\ntitle: Trunk\ndocument: test\nschemas: [trunk.yaml]\n",
        "trunk.yaml": """
            id: trunk
            title: Three arrows on one trunk
            kind: deployment
            source: test
            summary: One client, one server, three ports.
            roles:
              - {id: server, kind: administration-server, label: Server, zone: lan, processes: [klserver], place: [0, 0]}
              - {id: client, kind: client-device, label: Client, zone: lan, processes: [klnagent], place: [1, 0]}
            connections:
              - {label: 1, from: client, to: server, port: 13000, protocol: tcp, tls: yes, process: klserver, purpose: agent}
              - {label: 2, from: client, to: server, port: 13291, protocol: tcp, tls: yes, process: klserver, purpose: console}
              - {label: 3, from: client, to: server, port: 17000, protocol: tcp, tls: yes, process: klserver, purpose: mobile}

            """,
    ]

    /// Three arrows on one trunk: one open, one closed, one with a TLS problem. The trunk shows the
    /// worst (closed), each label its own.
    @Test func threeArrowsOnOneTrunk() throws {
        let files = Self.trunkPack
        let pack = try PackLoader(displayPrefix: "test/", origin: "test") { files[$0] }.load()
        let schema = try #require(pack.schemas.first)
        var state = AppState(
            schemas: [schema], size: ScreenSize(width: 160, height: 48), themes: [.ksc], live: LiveState(topologyName: "lab"), probing: true)
        _ = state.apply(.key(.enter))
        let arrows = schema.connections.map { ArrowRef($0, in: schema.id) }
        let diagram = try #require(state.diagram)
        let route = try #require(routeIndex(diagram, arrows[0]))
        #expect(refs(diagram.routes[route], schema.id) == arrows, "the three arrows share one route")
        let results = try schema.connections.map { c in
            let port = try #require(c.port)
            let outcome: ProbeOutcome = switch c.label {
            case "2": ProbeOutcome(address: nil, state: .closed, reason: .connRefused)
            case "3": ProbeOutcome(address: nil, state: .open, reason: .synAck, tls: TLSReport(expected: .yes, verdict: .notTLS))
            default: ProbeOutcome(address: nil, state: .open, reason: .synAck, tls: TLSReport(expected: .yes, verdict: .tlsOK))
            }
            return ProbeResult(arrow: ArrowRef(c, in: schema.id), target: ProbeTarget(host: .name("server.lab"), port: port, transport: .tcp, tls: .yes), outcome: outcome)
        }
        _ = state.apply(.probeRound(results, at: Fixtures.noon))
        #expect(arrows.map { state.live.arrows[$0]?.health } == [.asDocumented, .closed, .tlsProblem])
        let canvas = frame(state)
        let styles = labelStyles(state, canvas)
        #expect(arrows.map { styles[$0] } == [.health(.asDocumented), .health(.closed), .health(.tlsProblem)])
        let viewport = ScreenLayout(state.size).diagram
        for cell in diagram.routes[route].cells {
            #expect(canvas[cell.x - state.pan.x + viewport.x, cell.y - state.pan.y + viewport.y].style == .health(.closed), "the trunk shows the worst")
        }
        _ = state.apply(.key(.character("1")))
        let details = frame(state).lines().joined(separator: "\n")
        #expect(details.contains("Shares    its line with"))
        #expect(details.contains("✗ [2] 13291/tcp closed") && details.contains("! [3] 17000/tcp tls-problem"))
        try Golden.check(canvas, "live-three-on-one-trunk")
    }

    @Test func theStatusBarCountsExactlyTheArrowsOfEachStyle() throws {
        var state = Fixtures.opened("ksc13-lan", width: 300, height: 100, probing: true)
        _ = state.apply(.probeRound(Fixtures.round("ksc13-lan", states: ["5": .closed, "1": .filtered, "4": .open]), at: Fixtures.noon))
        let canvas = frame(state)
        var styled: [LinkHealth: Int] = [:]
        for style in labelStyles(state, canvas).values {
            if case let .health(health) = style { styled[health, default: 0] += 1 }
        }
        let counts = state.live.healthCounts(in: try #require(state.current))
        #expect(Dictionary(uniqueKeysWithValues: counts.map { ($0.health, $0.count) }) == styled)
        let status = try #require(canvas.lines().last)
        for (health, count) in counts {
            #expect(status.contains("\(health.mark(unicode: true)) \(health.rawValue) \(count)"), "\(status)")
        }
        #expect(!status.contains("as-documented 0") && status.contains("closed 1") && status.contains("filtered 1"))
    }

    @Test func marksTellTheStatesApartWithoutColour() throws {
        var state = Fixtures.opened("ksc13-lan", width: 300, height: 100, probing: true)
        state.charset = .ascii
        state.relayout()
        _ = state.apply(.probeRound(Fixtures.round("ksc13-lan", states: ["5": .closed]), at: Fixtures.noon))
        let text = frame(state).lines().joined(separator: "\n")
        #expect(text.contains("x[5]") || text.contains("[5] 17000 TCP TLSx") || text.contains("[5] 17000 TCP TLS x"), "the closed arrow's label carries x")
        #expect(text.contains("+[4]") || text.contains("13000 TCP TLS+"), "the open one's carries +")
    }
}
