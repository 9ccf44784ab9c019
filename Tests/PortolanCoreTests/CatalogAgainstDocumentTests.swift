import Foundation
import Testing

@testable import PortolanCore

/// Holds the built-in catalog against the vendor documents themselves, schema by schema.
@Suite struct CatalogAgainstDocumentTests {
    let catalog: Catalog
    let ksc: VendorDocument

    init() throws {
        catalog = Catalog.builtin()
        ksc = VendorDocument(text: try VendorDocument.load("ksc-13.1.txt"))
    }

    /// The schema whose `source` names this topic.
    func schemaFor(topic: String) -> Schema? {
        catalog.schemas.first { $0.source.hasSuffix("Topic \(topic)") }
    }

    static let deploymentTopics = ["183039", "183040", "183051", "183056", "183058"]
    static let componentTopics = [
        "158522", "158523", "158545", "158525", "158532", "158529", "158530", "158533", "158534", "178949",
    ]

    @Test func sixteenSchemasInTwoPacks() {
        #expect(catalog.schemas.count == 16)
        #expect(catalog.packs.map(\.id) == ["ksc-13.1", "kak-6.0"])
        #expect(catalog.schemas.filter { $0.kind == .deployment }.count == 5)
        #expect(catalog.schemas.filter { $0.kind == .component }.count == 10)
        #expect(catalog.schemas.filter { $0.kind == .interaction }.count == 1)
    }

    @Test(arguments: deploymentTopics + componentTopics)
    func titleIsVerbatim(topic: String) throws {
        let documentTopic = try #require(ksc.topic(topic))
        let schema = try #require(schemaFor(topic: topic), "no schema for Topic \(topic)")
        #expect(schema.title == documentTopic.title)
    }

    @Test(arguments: componentTopics)
    func everyTrafficTableRowIsAnArrow(topic: String) throws {
        let schema = try #require(schemaFor(topic: topic))
        let rows = try #require(ksc.topic(topic)).trafficTable
        if topic == "158522" {
            #expect(rows.isEmpty, "the DBMS topic has no table")
            return
        }
        #expect(!rows.isEmpty, "Topic \(topic) should have a traffic table")
        for row in rows {
            let tls: TLSExpectation = ["Yes": .yes, "No": .no, "Null": .notApplicable][row.tls] ?? .unknown
            let matches = schema.connections.filter { c in
                c.port?.description == row.port && c.transport?.rawValue.uppercased() == row.transport
                    && c.process?.rawValue == row.process && c.tls == tls && c.purpose == row.purpose
                    && schema.device(answering: c) == row.device
            }
            #expect(!matches.isEmpty, "Topic \(topic): no arrow for row \(row)")
        }
    }

    @Test(arguments: deploymentTopics)
    func everyNumberedItemIsDrawn(topic: String) throws {
        let schema = try #require(schemaFor(topic: topic))
        let items = try #require(ksc.topic(topic)).numberedList
        let documented = Set(items.map(\.label))
        let drawn = Set(schema.connections.map(\.label.rawValue))
        #expect(documented.isSubset(of: drawn), "missing arrows: \(documented.subtracting(drawn).sorted())")
        // The one arrow drawn beyond its topic's list: the gateway's 4a, whose words come from Topic 183058.
        let extra = drawn.subtracting(documented)
        #expect(extra == (topic == "183056" ? ["4a"] : []))
        for label in extra {
            for connection in schema.connections where connection.label.rawValue == label {
                #expect(connection.notes.contains { $0.contains("Topic 183058") }, "arrow \(label) must say where it comes from")
            }
        }
    }

    @Test(arguments: deploymentTopics)
    func numberedItemsAgreeOnPortProtocolAndTLS(topic: String) throws {
        let schema = try #require(schemaFor(topic: topic))
        for item in try #require(ksc.topic(topic)).numberedList {
            let arrows = schema.connections.filter { $0.label.rawValue == item.label }
            let ports = Self.ports(in: item.text)
            for arrow in arrows {
                let offered = ([arrow.port] + arrow.alternatives.map(Optional.some)).compactMap { $0?.rawValue }
                if ports.isEmpty {
                    // "Out-of-office devices ... through SSL port 13000 as well" belongs to 4a's second paragraph.
                    #expect(arrow.port == nil || arrow.label == "4a", "\(topic) \(item.label): the document names no port")
                } else {
                    #expect(Set(offered).isSubset(of: Set(ports)) && !offered.isEmpty,
                        "\(topic) \(item.label) \(arrow.initiator)→\(arrow.responder): ports \(offered) vs text \(ports)")
                }
                if item.text.contains("UDP port") { #expect(arrow.transport == .udp, "\(topic) \(item.label)") }
                if item.text.contains("TCP port") { #expect(arrow.transport == .tcp, "\(topic) \(item.label)") }
                if item.text.contains("SSL port") || item.text.contains("TLS port") || item.text.contains("HTTPS") {
                    #expect(arrow.tls == .yes, "\(topic) \(item.label)")
                }
            }
            // The list's own words are the purpose of at least one arrow of that number; an arrow that
            // takes its words from elsewhere (a traffic table, 4a's second paragraph) says so in a note.
            #expect(arrows.contains { $0.purpose == item.text }, "\(topic) \(item.label): no arrow has the list's words")
            for arrow in arrows where arrow.purpose != item.text {
                #expect(
                    arrow.notes.contains { $0.contains("table") || $0.contains("Topic") } || item.text.contains(arrow.purpose),
                    "\(topic) \(item.label) \(arrow.initiator)→\(arrow.responder): purpose from elsewhere without a note")
            }
        }
    }

    /// Port numbers written in a list item ("port 3306", "TLS port 13292 / 13293", "port 17000").
    static func ports(in text: String) -> [UInt16] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { UInt16($0) }.filter { $0 >= 80 }
    }

    @Test func conventionsAreTheDocumentsTable() throws {
        let table = try #require(ksc.topic("158520")).conventions
        #expect(table.count == 15)
        let conventions = catalog.conventions
        #expect(conventions.count == 15)
        for (row, convention) in zip(table, conventions) {
            #expect(convention.icon == row.icon)
            #expect(convention.meaning == row.meaning)
        }
    }
}
