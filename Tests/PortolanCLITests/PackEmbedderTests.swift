import Foundation
import PortolanTestSupport
import Testing

/// The build-time tool that checks the built-in packs and compiles them in: a broken built-in pack must stop
/// the build with the compiler's `file:line:col: error:` form, and a good one must give Swift source.
@Suite struct PackEmbedderTests {
    /// The tool `swift build` made for the build plugin, beside the test bundle.
    static func tool() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            for name in ["PackEmbedder-tool", "PackEmbedder"] {
                let candidate = folder.appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
            folder.deleteLastPathComponent()
        }
        throw NotBuilt()
    }

    struct NotBuilt: Error, CustomStringConvertible {
        var description: String { "PackEmbedder was not built next to the tests; run `swift build --build-tests` first" }
    }

    /// A copy of the built-in packs in a fresh folder, with `edit` applied to the LAN deployment schema.
    func packsCopy(_ edit: (String) -> String) throws -> (root: URL, schema: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-embedder-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Binary.packageRoot.appending(path: "Sources/PortolanPacks/packs"), to: root)
        let schema = root.appending(path: "ksc-13.1/deployment/lan.yaml")
        try Data(edit(try String(contentsOf: schema, encoding: .utf8)).utf8).write(to: schema)
        return (root, schema)
    }

    func embed(_ root: URL) throws -> ProcessOutput {
        let output = root.appending(path: "Embedded.swift").path
        return try PortolanProcess.run([try Self.tool().path, "packs", root.path, output], portolan: false, timeLimit: 60)
    }

    @Test func aBrokenBuiltinPackFailsTheBuildAtItsPlace() throws {
        var line = 0
        let (root, schema) = try packsCopy { text in
            var lines = text.components(separatedBy: "\n")
            guard let index = lines.firstIndex(of: "    port: 13000") else { return text }
            lines[index] = "    port: 70000"
            line = index + 1
            return lines.joined(separator: "\n")
        }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(line > 0, "the LAN schema has an arrow to port 13000")
        let run = try embed(root)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(schema.path):\(line):11: error: "), "\(run.stderr)")
        #expect(run.stderr.contains("70000"))
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: "Embedded.swift").path))
    }

    @Test func aGoodPackBecomesSwiftValues() throws {
        let (root, _) = try packsCopy { $0 }
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try embed(root)
        #expect(run.status == 0, "\(run.stderr)")
        let source = try String(contentsOf: root.appending(path: "Embedded.swift"), encoding: .utf8)
        #expect(source.contains("static let embedded: [Pack] = ["))
        #expect(source.contains("Schema(\n        id: SchemaID(rawValue: \"ksc13-lan\")"))
        #expect(!source.contains("Yams"), "the binary parses no YAML for its own packs")
    }
}
