import Foundation
import PortolanCore
import PortolanLayout
import PortolanTestSupport
import Testing

@testable import PortolanRender

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// SVG, DOT, Mermaid, JSON and ANSI: each parses, and each carries the model's roles, zones and arrows.
@Suite struct ExportFormatTests {
    static let schemas: [Schema] = Catalog.builtin().schemas

    static func diagram(_ id: SchemaID) throws -> Diagram {
        try DiagramLayout.make(try #require(schemas.first { $0.id == id }))
    }

    @Test(arguments: schemas.map(\.id))
    func svgParsesAsXMLWithOneShapePerThing(_ id: SchemaID) throws {
        let diagram = try Self.diagram(id)
        let svg = SVGExport.render(diagram)
        let document = try XMLDocument(data: Data(svg.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        let routes = try root.nodes(forXPath: "//*[local-name()='polyline']")
        #expect(routes.count == diagram.routes.count)
        let groups = try root.nodes(forXPath: "//*[local-name()='g'][@class='role']")
        #expect(groups.count == diagram.boxes.count)
        let dmz = try root.nodes(forXPath: "//*[local-name()='g'][@data-zone='dmz']/*[local-name()='rect'][@rx]")
        #expect(dmz.count == (diagram.zones.contains { $0.zone == .dmz } ? 1 : 0))
    }

    @Test(.requires("dot"), arguments: schemas.map(\.id))
    func graphvizAcceptsTheDOT(_ id: SchemaID) throws {
        let source = DOTExport.render(try Self.diagram(id))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dot", "-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(source.utf8))
        try input.fileHandleForWriting.close()
        let rendered = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "dot says: \(message)")
        #expect(message.isEmpty, "dot warns: \(message)")
        #expect(String(decoding: rendered, as: UTF8.self).contains("<svg"))
    }

    @Test(arguments: schemas.map(\.id))
    func dotAndMermaidComeFromTheModel(_ id: SchemaID) throws {
        let diagram = try Self.diagram(id)
        let dot = DOTExport.render(diagram), mermaid = MermaidExport.render(diagram)
        for zone in Set(diagram.schema.roles.map(\.zone)) {
            #expect(dot.contains("subgraph \"cluster_\(zone.rawValue)\""))
            #expect(mermaid.contains("subgraph \(MermaidExport.identifier("zone " + zone.rawValue))["))
        }
        let edges = dot.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(edges.count == diagram.schema.connections.count)
        let links = mermaid.split(separator: "\n").filter { $0.hasPrefix("  linkStyle ") }
        #expect(links.count == diagram.schema.connections.count)
        if diagram.schema.roles.contains(where: { $0.zone == .dmz }) { #expect(dot.contains("style=\"rounded\"")) }
    }

    @Test func jsonCarriesModelAndGeometry() throws {
        let diagram = try Self.diagram("ksc13-lan")
        let text = try Exporter().render(diagram, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let schema = try #require(object["schema"] as? [String: Any])
        #expect(schema["id"] as? String == "ksc13-lan")
        let geometry = try #require(object["geometry"] as? [String: Any])
        #expect((geometry["routes"] as? [Any])?.count == diagram.routes.count)
        #expect((geometry["boxes"] as? [Any])?.count == diagram.boxes.count)
        #expect((geometry["labels"] as? [Any])?.count == diagram.labels.count)
    }

    @Test func markdownHasTheFigureAndTheTable() throws {
        let diagram = try Self.diagram("ksc13-lan")
        let text = MarkdownExport.render(diagram)
        #expect(text.contains("```text\n"))
        #expect(text.contains("| # | From | To | Port | Protocol | TLS | Process | Purpose | Notes |"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| # ") }
        #expect(rows.count == diagram.schema.connections.count)
    }

    @Test func ansiIsUnicodePlusEscapes() throws {
        let diagram = try Self.diagram("ksc13-lan")
        let ansi = TextExport.render(diagram, charset: .unicode, theme: .ksc)
        let plain = TextExport.render(diagram, charset: .unicode)
        #expect(ansi.contains("\u{1B}[0;38;2;255;140;0m"), "COM invoke is orange in the ksc theme")
        #expect(Self.strip(ansi) == plain)
    }

    static func strip(_ text: String) -> String {
        var out = "", escape = false
        for character in text {
            if character == "\u{1B}" { escape = true; continue }
            if escape { if character == "m" { escape = false }; continue }
            out.append(character)
        }
        return out
    }
}
