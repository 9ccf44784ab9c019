import Foundation
import PortolanApp
import PortolanCore
import PortolanLayout
import PortolanRender
import Testing

/// Keys, the mouse, the export chooser, filtering and the keymap file.
@Suite struct InteractionTests {
    @Test func mouseClickSelectsSchemaRoleAndArrow() throws {
        var state = Fixtures.state()
        var frame = AppView.render(state, now: Fixtures.noon)
        let schemaRegion = try #require(frame.hits.regions.first { if case .schema(index: 2) = $0.1 { true } else { false } })
        _ = state.apply(.mouse(MouseEvent(.press, x: schemaRegion.0.x + 1, y: schemaRegion.0.y), frame.hits.target(x: schemaRegion.0.x + 1, y: schemaRegion.0.y)))
        #expect(state.current?.id == state.visibleSchemas[2].id)
        frame = AppView.render(state, now: Fixtures.noon)
        let arrowRegion = try #require(frame.hits.regions.first { if case .arrow = $0.1 { true } else { false } })
        let hit = frame.hits.target(x: arrowRegion.0.x, y: arrowRegion.0.y)
        _ = state.apply(.mouse(MouseEvent(.press, x: arrowRegion.0.x, y: arrowRegion.0.y), hit))
        #expect(state.selectedArrow != nil)
        let roleRegion = try #require(frame.hits.regions.last { if case .role = $0.1 { true } else { false } })
        _ = state.apply(.mouse(MouseEvent(.press, x: roleRegion.0.x + 1, y: roleRegion.0.y + 1), frame.hits.target(x: roleRegion.0.x + 1, y: roleRegion.0.y + 1)))
        #expect(state.selectedRole != nil && state.selectedArrow == nil)
    }

    @Test func dragPansTheDiagram() {
        var state = Fixtures.opened("ksc13-server-in-dmz", width: 100, height: 30)
        #expect(state.pan == .init(x: 0, y: 0))
        _ = state.apply(.mouse(MouseEvent(.press, x: 60, y: 15), .diagram))
        _ = state.apply(.mouse(MouseEvent(.drag, x: 50, y: 12), nil))
        #expect(state.pan == .init(x: 10, y: 3))
        _ = state.apply(.mouse(MouseEvent(.release, x: 50, y: 12), nil))
        _ = state.apply(.key(.character("f")))
        #expect(state.pan == .init(x: 0, y: 0))
    }

    @Test func exportChooserAsksForAFormat() {
        var state = Fixtures.opened("ksc13-mobile")
        #expect(state.apply(.key(.character("e"))).isEmpty)
        #expect(state.exportCursor == 0)
        let chooser = AppView.render(state, now: Fixtures.noon).canvas.lines().joined(separator: "\n")
        #expect(chooser.contains("Export ksc13-mobile as:"))
        _ = state.apply(.key(.down))
        #expect(state.apply(.key(.enter)) == [.export("ksc13-mobile", .figure(.unicode))])
        #expect(state.exportCursor == nil)
        _ = state.apply(.key(.character("e")))
        #expect(state.apply(.key(.character("4"))) == [.export("ksc13-mobile", .figure(.svg))])
        _ = state.apply(.key(.character("e")))
        #expect(state.apply(.key(.character("9"))) == [.export("ksc13-mobile", .report(.markdown))])
        _ = state.apply(.key(.character("e")))
        #expect(state.apply(.key(.character("0"))) == [.export("ksc13-mobile", .report(.html))], "0 picks the tenth")
        _ = state.apply(.key(.character("e")))
        _ = state.apply(.key(.up))
        #expect(state.apply(.key(.enter)) == [.export("ksc13-mobile", .report(.html))], "Up from the first wraps to the last")
        _ = state.apply(.exported(path: "/tmp/portolan-ksc13-mobile.svg"))
        #expect(AppView.render(state, now: Fixtures.noon).canvas.lines().last?.contains("exported to /tmp/portolan-ksc13-mobile.svg") == true)
    }

    @Test func filterNarrowsTheList() {
        var state = Fixtures.state()
        _ = state.apply(.key(.character("/")))
        for c in "dmz" { _ = state.apply(.key(.character(c))) }
        _ = state.apply(.key(.enter))
        #expect(!state.editingFilter)
        #expect(state.visibleSchemas.map(\.id) == ["ksc13-server-in-dmz", "ksc13-hierarchy-dmz", "ksc13-gateway-dmz"])
        _ = state.apply(.key(.enter))
        #expect(state.current?.id == "ksc13-server-in-dmz")
    }

    @Test func helpShowsKeysAndLegend() throws {
        var state = Fixtures.opened("ksc13-lan")
        _ = state.apply(.key(.character("?")))
        let text = AppView.render(state, now: Fixtures.noon).canvas.lines().joined(separator: "\n")
        #expect(text.contains("Conventions"))
        #expect(text.contains("export the current schema"))
        try Golden.check(AppView.render(state, now: Fixtures.noon).canvas, "help")
        _ = state.apply(.key(.character("G")))
        let end = AppView.render(state, now: Fixtures.noon).canvas.lines().joined(separator: "\n")
        #expect(end.contains("DMZ boundary") && end.contains("Event log"))
        _ = state.apply(.key(.character("x")))
        #expect(state.showHelp, "only Esc, ? and q close the help")
        _ = state.apply(.key(.escape))
        #expect(!state.showHelp)
    }

    @Test func probingKeysNeedATopology() {
        var browser = Fixtures.state()
        #expect(browser.apply(.key(.character("r"))).isEmpty)
        #expect(browser.message?.contains("no topology") == true)
        var live = Fixtures.state(probing: true)
        #expect(live.apply(.key(.character("r"))) == [.probeNow])
        #expect(live.apply(.key(.character("p"))) == [.setPaused(true)])
        #expect(live.apply(.key(.character("p"))) == [.setPaused(false)])
        #expect(live.apply(.key(.character("q"))) == [.quit])
    }

    @Test func keymapFileRebindsKeys() throws {
        let map = try KeyMap.read("keys:\n  x: quit\n  q: none\n  space: next-arrow\n", file: "keys.yaml")
        #expect(map.action(for: .character("x")) == .quit)
        #expect(map.action(for: .character("q")) == nil)
        #expect(map.action(for: .character(" ")) == .nextArrow)
        var state = Fixtures.state()
        state.keyMap = map
        #expect(state.apply(.key(.character("q"))).isEmpty)
        #expect(state.apply(.key(.character("x"))) == [.quit])
        #expect(throws: LocatedError.self) { try KeyMap.read("keys:\n  x: explode\n", file: "keys.yaml") }
        do {
            _ = try KeyMap.read("keys:\n  ctrl-x: quit\n", file: "keys.yaml")
        } catch let error as LocatedError {
            #expect(error.description.hasPrefix("keys.yaml:2:3: unknown key name 'ctrl-x'"))
        }
        do {
            _ = try KeyMap.read("keys:\n  x: explode\n", file: "keys.yaml")
        } catch let error as LocatedError {
            #expect(error.description.hasPrefix("keys.yaml:2:6: unknown action 'explode'"))
        }
    }

    /// `z` gives the diagram the whole screen; `f` then fits every built-in deployment schema at 200x60 and
    /// cycles through the poorer levels, then back to the default layout.
    @Test func maximiseThenFitShowsTheWholeSchema() throws {
        var state = Fixtures.opened("ksc13-server-in-dmz", width: 200, height: 60)
        _ = state.apply(.key(.character("z")))
        #expect(state.maximised)
        let viewport = state.screenLayout.diagram
        #expect(viewport.width == 198 && viewport.height == 56)
        _ = state.apply(.key(.character("f")))
        let diagram = try #require(state.diagram)
        #expect(diagram.width <= viewport.width && diagram.height <= viewport.height, "\(diagram.width)x\(diagram.height)")
        let first = try #require(state.fitLevel)
        let title = AppView.render(state, now: Fixtures.noon).canvas.lines()[1]
        #expect(title.contains("fit: \(first)"))
        #expect(!title.contains(" of "), "no panning position: the whole figure is in view")
        var seen = [first]
        while let level = state.fitLevel, level != .overview {
            _ = state.apply(.key(.character("f")))
            seen.append(try #require(state.fitLevel))
        }
        #expect(seen == Array(DetailLevel.allCases.drop { $0 != first }))
        _ = state.apply(.key(.character("f")))
        #expect(state.fitLevel == nil)
        _ = state.apply(.key(.character("z")))
        #expect(!state.maximised && state.screenLayout.list.width > 0)
    }

    /// Component schemas fit a maximised 80x24 terminal at the overview level at least.
    @Test func componentSchemasFitEightyByTwentyFour() throws {
        for schema in Fixtures.catalog.schemas where schema.kind == .component {
            var state = Fixtures.opened(schema.id.rawValue, width: 80, height: 24)
            _ = state.apply(.key(.character("z")))
            _ = state.apply(.key(.character("f")))
            let viewport = state.screenLayout.diagram
            let diagram = try #require(state.diagram)
            #expect(diagram.width <= viewport.width && diagram.height <= viewport.height, "\(schema.id): \(diagram.width)x\(diagram.height)")
        }
    }
}
