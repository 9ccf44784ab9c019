import PortolanCore
import Testing

@testable import PortolanLayout

/// Topologies past `DiagramLayout.denseRoutes` routes: zones stacked, gaps sized from the routes, a weighted
/// search and labels that move out of a route's way. The benchmark's 200 roles and 600 connections run here
/// in the debug build too (a few seconds), so the checked figure is the one the benchmark times.
@Suite struct DenseLayoutTests {
    @Test func theBenchmarkTopologyPassesTheChecker() throws {
        let schema = SyntheticSchema.make(roles: 200, connections: 600)
        let diagram = try DiagramLayout.make(schema)
        #expect(DiagramLayout.isDense(Bundle.make(DiagramLayout.canonical(schema))))
        #expect(DiagramCheck.violations(diagram) == [])
        #expect(diagram.routes.count == Bundle.make(DiagramLayout.canonical(schema)).count)
        #expect(diagram.labels.count == diagram.routes.count)
    }

    @Test(arguments: [(45, 120, UInt64(2)), (60, 180, 3), (100, 300, 4), (30, 150, 5)])
    func denseTopologiesPassTheChecker(roles: Int, connections: Int, seed: UInt64) throws {
        let schema = SyntheticSchema.make(roles: roles, connections: connections, seed: seed)
        let diagram = try DiagramLayout.make(schema)
        #expect(DiagramCheck.violations(diagram) == [], "roles \(roles), connections \(connections), seed \(seed)")
    }

    @Test func declarationOrderChangesNothing() throws {
        let schema = SyntheticSchema.make(roles: 60, connections: 180, seed: 9)
        var generator = SplitMix64(seed: 11)
        var shuffled = schema
        shuffled.roles.shuffle(using: &generator)
        shuffled.connections.shuffle(using: &generator)
        #expect(try DiagramLayout.make(schema) == DiagramLayout.make(shuffled))
    }

    @Test func aWidthTooNarrowNamesTheNarrowestDenseLayout() throws {
        let schema = SyntheticSchema.make(roles: 60, connections: 180)
        let needed = try DiagramLayout.make(schema).width
        #expect {
            try DiagramLayout.make(schema, width: 160)
        } throws: { error in
            guard case let .doesNotFit(_, width, wanted?)? = error as? LayoutError else { return false }
            return width == 160 && wanted > 160 && wanted <= needed
        }
    }

    @Test func gapsGrowWithTheNumberOfRoutes() {
        let few = Spacing.dense(routes: 50, columns: 4, rows: 10), many = Spacing.dense(routes: 500, columns: 4, rows: 10)
        #expect(few.first == Spacing(columnGap: 30, rowGap: 12))
        #expect(many.first == Spacing(columnGap: 100, rowGap: 45))
        #expect(many.map(\.columnGap) == [100, 150, 200])
    }
}

/// The router's dense tuning: a label in the only way moves instead of walling the route in.
@Suite struct MovingLabelTests {
    /// Two boxes in a row and a label standing across the whole gap between them.
    func walledIn(_ tuning: Router.Tuning) -> (Router, CellRect, CellRect, CellRect) {
        let a = Role(id: "a", kind: .clientDevice, label: "A", zone: .lan, placement: PlacementHint(row: 0, column: 0))
        let b = Role(id: "b", kind: .administrationServer, label: "B", zone: .lan, placement: PlacementHint(row: 0, column: 1))
        let schema = Schema(id: "two", title: "Two", pack: "test", kind: .component, roles: [a, b], connections: [])
        var contents: [RoleID: BoxContent] = [:]
        for role in schema.roles { contents[role.id] = BoxContent(role: role, schema: schema, numbered: false) }
        let frame = Frame(
            placement: Placement(schema: schema), contents: contents, spacing: Spacing(columnGap: 12, rowGap: 6),
            arrangement: .sideBySide)
        let left = frame.boxes[0].rect, right = frame.boxes[1].rect
        let wall = CellRect(x: left.maxX + 5, y: 0, width: 1, height: frame.height)
        var router = Router(frame: frame, tuning: tuning)
        router.block(wall, label: 0)
        return (router, left, right, wall)
    }

    @Test func theCarefulRouterGoesRoundLabelsOrNowhere() {
        var (router, left, right, _) = walledIn(.careful)
        let found = router.route(from: left, to: right, link: .tcp)
        #expect(found?.cells == nil)
    }

    @Test func theDenseRouterPassesThroughALabelAndSaysWhich() throws {
        var (router, left, right, wall) = walledIn(.dense)
        let route = router.route(from: left, to: right, link: .tcp)
        let found = try #require(route)
        #expect(found.cells.contains { wall.contains($0) })
        #expect(router.labels(on: found.cells) == [0])
        let roundabout = router.route(from: left, to: right, link: .tcp, movingLabels: false)
        #expect(roundabout?.cells == nil)
        router.unblock(wall)
        #expect(router.labels(on: found.cells) == [])
    }
}
