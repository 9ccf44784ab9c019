import Foundation
import Testing

@testable import PortolanCore

/// User packs: the example loads, and every kind of mistake is reported at its file:line:col.
@Suite struct PackValidationTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A temporary pack folder with a pack.yaml listing `schema.yaml`, whose text is given.
    func pack(schema: String, manifest: String? = nil) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let defaultManifest = "id: test-pack\ntitle: Test pack\nschemas:\n  - schema.yaml\n"
        try (manifest ?? defaultManifest).write(toFile: folder + "/pack.yaml", atomically: true, encoding: .utf8)
        try schema.write(toFile: folder + "/schema.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    /// The errors of loading a pack made of this schema text.
    func errors(schema: String, manifest: String? = nil) throws -> [LocatedError] {
        let folder = try pack(schema: schema, manifest: manifest)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try Catalog.load(adding: [folder])
            Issue.record("the pack loaded, but it is broken")
            return []
        } catch {
            return error.errors.map { error in
                var relative = error
                relative.file = (error.file as NSString).lastPathComponent
                relative.location?.file = relative.file
                return relative
            }
        }
    }

    static let good = """
        id: test-schema
        title: Test
        kind: component
        roles:
          - id: server
            kind: administration-server
            zone: lan
            processes: [klserver]
          - id: agent
            kind: client-device
            zone: lan
        connections:
          - label: 1
            from: agent
            to: server
            port: 13000
            protocol: tcp
            tls: yes
            process: klserver
            purpose: Receiving connections from Network Agents
        """

    @Test func theExamplePackLoads() throws {
        let catalog = try Catalog.load(adding: [Self.packageRoot.appending(path: "examples/packs").path])
        #expect(catalog.schemas.count == 17)
        let schema = try #require(catalog.schema("branch-office"))
        #expect(schema.pack == "example-branch")
        #expect(schema.connections.map(\.label) == ["1", "2", "3"])
        #expect(catalog.packs.last?.origin.hasSuffix("examples/packs/branch-office") == true)
    }

    @Test func aGoodPackLoads() throws {
        let folder = try pack(schema: Self.good)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try Catalog.load(adding: [folder])
        #expect(catalog.schema("test-schema")?.connections.first?.port == PortNumber(13000))
    }

    @Test func unknownRole() throws {
        let broken = Self.good.replacingOccurrences(of: "    from: agent", with: "    from: agnet")
        let found = try errors(schema: broken)
        #expect(found.map(\.description) == [
            "schema.yaml:14:11: unknown role 'agnet' in arrow 1 (roles of this schema: agent, server)"
        ])
    }

    @Test func duplicateLabel() throws {
        let connection = Self.good.components(separatedBy: "connections:\n")[1]
        let found = try errors(schema: Self.good + "\n" + connection)
        #expect(found.count == 1)
        #expect(found.first?.location?.line == 21)
        #expect(found.first?.location?.column == 5)
        #expect(found.first?.message == "duplicate label '1' for agent → server")
        #expect(found.first?.hint?.contains("schema.yaml:13:5") == true)
    }

    @Test(arguments: [("70000", "port 70000 is out of range"), ("0", "port 0 is out of range"), ("http", "port must be a number, not 'http'")])
    func portOutOfRange(port: String, message: String) throws {
        let found = try errors(schema: Self.good.replacingOccurrences(of: "port: 13000", with: "port: \(port)"))
        #expect(found.map(\.message) == [message])
        #expect(found.first?.location == SourceLocation(file: "schema.yaml", line: 16, column: 11))
    }

    @Test func unknownKinds() throws {
        let role = try errors(schema: Self.good.replacingOccurrences(of: "kind: client-device", with: "kind: laptop"))
        #expect(role.first?.description.hasPrefix("schema.yaml:10:11: unknown role kind 'laptop' (expected one of: administration-server,") == true)
        let schema = try errors(schema: Self.good.replacingOccurrences(of: "kind: component", with: "kind: figure"))
        #expect(schema.first?.description == "schema.yaml:3:7: unknown schema kind 'figure' (expected one of: deployment, component, interaction)")
        let link = try errors(schema: Self.good.replacingOccurrences(of: "protocol: tcp", with: "protocol: sctp"))
        #expect(link.first?.description == "schema.yaml:17:15: unknown protocol 'sctp' (expected one of: tcp, udp)")
        let zone = try errors(schema: Self.good.replacingOccurrences(of: "zone: lan\n    processes", with: "zone: wan\n    processes"))
        #expect(zone.first?.description == "schema.yaml:7:11: unknown zone 'wan' (expected one of: lan, dmz, internet, vendor-cloud)")
    }

    @Test func typosInKeysAreErrorsWithASuggestion() throws {
        let found = try errors(schema: Self.good.replacingOccurrences(of: "    purpose:", with: "    purpse:"))
        #expect(found.first?.description == "schema.yaml:20:5: unknown key 'purpse' in connection (did you mean 'purpose'?)")
    }

    @Test func inconsistentArrows() throws {
        let udpWithTLS = try errors(schema: Self.good.replacingOccurrences(of: "protocol: tcp", with: "protocol: udp"))
        #expect(udpWithTLS.first?.message == "TLS applies to TCP only; arrow 1 is udp")
        let process = try errors(schema: Self.good.replacingOccurrences(of: "process: klserver\n    purpose", with: "process: klnagent\n    purpose"))
        #expect(process.first?.description == "schema.yaml:19:14: process 'klnagent' is not a process of role 'server' (its processes: klserver)")
        let missingTLS = try errors(schema: Self.good.replacingOccurrences(of: "    tls: yes\n", with: ""))
        #expect(missingTLS.first?.description == "schema.yaml:13:5: arrow 1 needs 'tls' (yes, no or unknown)")
    }

    @Test func yamlSyntaxErrorsHaveAPlace() throws {
        let found = try errors(schema: Self.good.replacingOccurrences(of: "title: Test", with: "title: [Test"))
        let location = try #require(found.first?.location)
        #expect(location.file == "schema.yaml")
        #expect(location.line >= 2)
        #expect(found.first?.message.hasPrefix("YAML syntax:") == true)
    }

    @Test func missingFilesAndClashingIds() throws {
        let missing = try errors(schema: Self.good, manifest: "id: test-pack\ntitle: T\nschemas:\n  - nowhere.yaml\n")
        #expect(missing.map(\.description) == ["pack.yaml:4:5: schema file 'nowhere.yaml' not found in the pack's folder"])
        let clash = try errors(schema: Self.good.replacingOccurrences(of: "id: test-schema", with: "id: ksc13-lan"))
        #expect(clash.first?.message == "schema id 'ksc13-lan' is already used by pack 'ksc-13.1'")
        do {
            _ = try Catalog.load(adding: ["/nonexistent/portolan-packs"])
            Issue.record("a missing folder loaded")
        } catch {
            #expect(error.errors.first?.description.hasPrefix("/nonexistent/portolan-packs: no such folder") == true)
        }
    }

    @Test func userPackDirectoryFollowsXDG() {
        #expect(Catalog.userPackDirectory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/a"]) == "/cfg/portolan/packs")
        #expect(Catalog.userPackDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.config/portolan/packs")
        #expect(Catalog.userPackDirectory(environment: [:]) == nil)
    }
}
