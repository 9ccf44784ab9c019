import Foundation
import Testing

/// `portolan schemas / show / ports / legend`, run as a user runs them.
@Suite struct CatalogCommandTests {
    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func schemasListsSixteen() throws {
        let run = try Binary.run(["schemas"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 18, "header, rule and 16 schemas")
        #expect(lines[0].hasPrefix("ID"))
        #expect(lines.contains { $0.hasPrefix("ksc13-lan ") && $0.contains("deployment") && $0.hasSuffix("Administration Server and managed devices on LAN") })
        #expect(lines.contains { $0.hasPrefix("kak6-agent-server ") && $0.contains("interaction") })
    }

    @Test func schemasJSONHasTheSameObjectsAsShow() throws {
        let list = try #require(try json(Binary.run(["schemas", "--json"]).stdout) as? [[String: Any]])
        #expect(list.count == 16)
        for object in list {
            for key in ["id", "title", "pack", "kind", "roles", "connections"] { #expect(object[key] != nil, "missing \(key)") }
        }
        let shown = try #require(try json(Binary.run(["show", "ksc13-server-agent", "--json"]).stdout) as? [String: Any])
        let listed = try #require(list.first { $0["id"] as? String == "ksc13-server-agent" })
        #expect(NSDictionary(dictionary: shown).isEqual(to: listed))
        let connections = try #require(shown["connections"] as? [[String: Any]])
        let first = try #require(connections.first)
        for key in ["label", "from", "to", "port", "alternatives", "protocol", "link", "tls", "process", "purpose", "notes"] {
            #expect(first.keys.contains(key), "connection lacks \(key)")
        }
        // TLS: true, false, or null where it does not apply (UDP), as the traffic table's Yes / No / Null.
        let tls = connections.map { $0["tls"] }
        #expect(tls[0] is NSNull)
        #expect(tls[1] as? Bool == true)
        #expect(tls[2] as? Bool == false)
        let role = try #require((shown["roles"] as? [[String: Any]])?.first)
        for key in ["id", "kind", "label", "zone", "processes"] { #expect(role.keys.contains(key)) }
    }

    @Test func showWorksForEverySchema() throws {
        let ids = try Binary.run(["schemas"]).stdout.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: " ").first }
        #expect(ids.count == 16)
        for id in ids {
            let run = try Binary.run(["show", String(id)])
            #expect(run.status == 0, "show \(id): \(run.stderr)")
            #expect(run.stdout.contains("Arrows (from the side that opens the connection to the side that answers)"))
        }
    }

    @Test func showPrintsNotesOfContradictions() throws {
        let run = try Binary.run(["show", "ksc13-server-agent"])
        #expect(run.stdout.contains("3    client → admin-server   14000/tcp   TLS no   process klserver"))
        #expect(run.stdout.contains("portolan follows the table: 14000 is not TLS"))
    }

    @Test func unknownSchemaIsAUsageError() throws {
        let run = try Binary.run(["show", "ksc13-lanx"])
        #expect(run.status == 2)
        #expect(run.stderr == "portolan: no schema 'ksc13-lanx' (did you mean 'ksc13-lan'?)\n")
    }

    @Test func portsTableAsTheDocumentsPrintIt() throws {
        let run = try Binary.run(["ports", "--schema", "ksc13-mobile"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true).prefix(5) == ["DEVICE", "PORT", "PROCESS", "PROTOCOL", "TLS"])
        #expect(lines.contains { $0.contains("13292") && $0.contains("klserver") && $0.contains("TCP") && $0.contains("Yes") })
        #expect(lines.contains { $0.contains("17100") && $0.contains("klactprx") && $0.contains("Receiving connections for application activation from mobile devices") })
        #expect(run.stdout.contains("Notes"))
        let all = try #require(try json(Binary.run(["ports", "--json"]).stdout) as? [[String: Any]])
        let udp15000 = all.filter { $0["port"] as? Int == 15000 }
        #expect(!udp15000.isEmpty && udp15000.allSatisfy { $0["protocol"] as? String == "udp" && $0["tls"] is NSNull })
        let agentRow = try #require(all.first { $0["port"] as? Int == 14000 && $0["process"] as? String == "klserver" })
        #expect(agentRow["tls"] as? Bool == false)
        #expect((agentRow["schemas"] as? [String])?.contains("ksc13-server-agent") == true)
    }

    @Test func legendHasFifteenConventionsAndTheLiveStates() throws {
        let list = try #require(try json(Binary.run(["legend", "--json"]).stdout) as? [[String: Any]])
        let conventions = list.filter { ($0["depicts"] as? String)?.hasPrefix("live-state ") == false }
        #expect(conventions.count == 15)
        #expect(conventions.first?["meaning"] as? String == "Administration Server")
        #expect(conventions.last?["meaning"] as? String == "DMZ boundary")
        let live = list.compactMap { $0["depicts"] as? String }.filter { $0.hasPrefix("live-state ") }
        #expect(Set(live) == Set(["as-documented", "open|filtered", "tls-problem", "filtered", "closed", "error", "unknown"].map { "live-state \($0)" }))
        #expect(list.contains { $0["depicts"] as? String == "live-state closed" && $0["mark"] as? String == "✗" && $0["ascii"] as? String == "x" })
        let text = try Binary.run(["legend"])
        #expect(text.status == 0 && text.stdout.contains("COM invoke") && text.stdout.contains("DBMS transport"))
        #expect(text.stdout.contains("LIVE STATE") && text.stdout.contains("open|filtered") && text.stdout.contains("health.tls-problem"))
    }

    @Test func examplePackLoadsWithCatalog() throws {
        let run = try Binary.run(["schemas", "--catalog", "examples/packs"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("branch-office"))
        let show = try Binary.run(["show", "branch-office", "--catalog", "examples/packs/branch-office"])
        #expect(show.stdout.contains("Blocked by the branch firewall"))
    }

    @Test func packsInTheUserConfigFolderLoadByThemselves() throws {
        let config = FileManager.default.temporaryDirectory.appending(path: "portolan-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: config) }
        try FileManager.default.createDirectory(at: config.appending(path: "portolan/packs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Binary.packageRoot.appending(path: "examples/packs/branch-office"),
            to: config.appending(path: "portolan/packs/branch-office"))
        let run = try Binary.run(["schemas"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(run.stdout.contains("branch-office"))
        let without = try Binary.run(["schemas", "--no-user-packs"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(!without.stdout.contains("branch-office"))
    }

    @Test func brokenPackGivesAPreciseErrorAndStatus2() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-broken-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Binary.packageRoot.appending(path: "examples/packs/branch-office"), to: folder)
        let file = folder.appending(path: "branch-office.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "    port: 15000", with: "    port: 150000")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try Binary.run(["schemas", "--catalog", folder.path])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "\(folder.path)/branch-office.yaml:52:11: port 150000 is out of range (ports run from 1 to 65535)\n")
    }

    @Test func usageErrorsExitWith2() throws {
        let run = try Binary.run(["show"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Missing expected argument '<id>'"))
        #expect(try Binary.run(["--help"]).status == 0)
    }
}
