import Foundation
import PortolanApp
import PortolanRender
import PortolanTestSupport
import Testing

@testable import PortolanCore
@testable import PortolanProbe

/// The fuzzing harness: mutates the example files of every input kind (topologies, hosts files,
/// packs, schema and conventions files, themes, keymaps, target lists, agent request lines) and runs
/// the readers in process.
///
/// Each case must end without a crash, within a second, and, if it fails, with a `LocatedError` that
/// names the file and its line:col (agent lines: `stdin:LINE:COL`). CI runs a bounded number of cases
/// with a fixed seed; `PORTOLAN_FUZZ_CASES=20000` runs more per kind, `PORTOLAN_FUZZ_SEED=N` another
/// sequence. A failing case is written to a temporary file whose path the failure names.
@Suite struct FuzzTests {
    /// Cases per input kind.
    static let cases = ProcessInfo.processInfo.environment["PORTOLAN_FUZZ_CASES"].flatMap { Int($0) } ?? 500
    static let seed = ProcessInfo.processInfo.environment["PORTOLAN_FUZZ_SEED"].flatMap { UInt64($0) } ?? 13
    /// The longest a case may take: ordinary inputs take milliseconds; a bomb took seconds to minutes.
    static let caseLimit = Duration.seconds(1)

    static let root = PortolanProcess.packageRoot.path

    static func file(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
    }

    static func files(in folder: String, ending suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder).filter { $0.hasSuffix(suffix) }.sorted()
            .map { folder + "/" + $0 }
    }

    /// Runs `cases` mutations of `seeds` through `parse`; checks time, crash-freedom and every error.
    func fuzz(_ kind: String, seeds: [[UInt8]], salt: UInt64, parse: ([UInt8]) throws -> Void) {
        var mutator = Mutator(random: SplitMix(seed: Self.seed &* 1_000_003 &+ salt), others: seeds)
        var failures = 0
        let clock = ContinuousClock()
        for index in 0..<Self.cases where failures < 3 {
            let seed = seeds[index % seeds.count]
            let input = mutator.mutate(seed)
            let start = clock.now
            var problem: String?
            do {
                try parse(input)
            } catch let error as LocatedError {
                problem = Self.check(error)
            } catch let errors as LoadErrors {
                problem = errors.errors.isEmpty ? "an empty LoadErrors" : errors.errors.compactMap(Self.check).first
            } catch {
                problem = "not a located error: \(type(of: error)): \(String(describing: error).prefix(300))"
            }
            let elapsed = clock.now - start
            if elapsed > Self.caseLimit { problem = "took \(elapsed) (limit \(Self.caseLimit))" }
            if let problem {
                failures += 1
                let saved = FileManager.default.temporaryDirectory.appending(path: "portolan-fuzz-\(kind)-\(Self.seed)-\(index)").path
                _ = FileManager.default.createFile(atPath: saved, contents: Data(input))
                Issue.record("\(kind) case \(index) (seed \(Self.seed)): \(problem); input saved to \(saved)")
            }
        }
    }

    /// Why an error falls short, or `nil`: it must name the file and line:col, and be of a readable size.
    static func check(_ error: LocatedError) -> String? {
        let text = error.description
        if error.location == nil { return "no line:col in \(text.prefix(300))" }
        if !text.hasPrefix(error.file + ":") || error.file.isEmpty { return "no file name in \(text.prefix(300))" }
        if text.count > 1_500 { return "a message of \(text.count) characters: \(text.prefix(200))…" }
        return nil
    }

    /// The bytes as text the way the command-line reads files: UTF-8 or a located error.
    static func text(_ bytes: [UInt8], _ file: String) throws(LocatedError) -> String { try TextFile.decode(bytes, file: file) }

    @Test func topologies() throws {
        let catalog = Catalog.builtin()
        let folder = "examples/topologies"
        var hostFiles: [String: String] = [:]
        for path in try Self.files(in: folder, ending: ".txt") { hostFiles[path] = String(decoding: try Self.file(path), as: UTF8.self) }
        let seeds = try Self.files(in: folder, ending: ".yaml").map(Self.file)
        let reader = TopologyReader(catalog: catalog) { hostFiles[$0] }
        fuzz("topology", seeds: seeds, salt: 1) { bytes in
            _ = try reader.read(try Self.text(bytes, "\(folder)/t.yaml"), file: "\(folder)/t.yaml")
        }
    }

    @Test func hostsFiles() throws {
        let catalog = Catalog.builtin()
        let folder = "examples/topologies"
        let topology = String(decoding: try Self.file("\(folder)/head-office.yaml"), as: UTF8.self)
        let seeds = try Self.files(in: folder, ending: ".txt").map(Self.file)
        fuzz("hosts", seeds: seeds, salt: 2) { bytes in
            let reader = TopologyReader(catalog: catalog) { path throws(LocatedError) in
                guard path.hasSuffix("head-office-clients.txt") else { return nil }
                return try Self.text(bytes, path)
            }
            _ = try reader.read(topology, file: "\(folder)/head-office.yaml")
        }
    }

    @Test func packManifestsAndSchemas() throws {
        let folder = "Sources/PortolanPacks/packs/kak-6.0"
        let manifest = try Self.file("\(folder)/pack.yaml")
        let schema = try Self.file("\(folder)/agent-server.yaml")
        fuzz("pack", seeds: [manifest, schema], salt: 3) { bytes in
            let mutateManifest = bytes.starts(with: Array("id: kak".utf8)) || bytes.count < schema.count / 2
            let loader = PackLoader(displayPrefix: "\(folder)/", origin: folder) { path throws(LocatedError) in
                let mutated = mutateManifest ? "pack.yaml" : "agent-server.yaml"
                if path == mutated { return try Self.text(bytes, "\(folder)/\(path)") }
                switch path {
                case "pack.yaml": return String(decoding: manifest, as: UTF8.self)
                case "agent-server.yaml": return String(decoding: schema, as: UTF8.self)
                default: return nil
                }
            }
            _ = try loader.load()
        }
    }

    @Test func schemaAndConventionFiles() throws {
        let folder = "Sources/PortolanPacks/packs/ksc-13.1"
        let schemas = try (Self.files(in: "\(folder)/component", ending: ".yaml") + Self.files(in: "\(folder)/deployment", ending: ".yaml")).map(Self.file)
        fuzz("schema", seeds: schemas, salt: 4) { bytes in
            let file = "\(folder)/component/x.yaml"
            _ = try SchemaReader(pack: "ksc-13.1", file: file).read(try Self.text(bytes, file))
        }
        fuzz("conventions", seeds: [try Self.file("\(folder)/conventions.yaml")], salt: 5) { bytes in
            let file = "\(folder)/conventions.yaml"
            _ = try ConventionReader.read(try Self.text(bytes, file), file: file)
        }
    }

    @Test func themes() throws {
        let seeds = try Self.files(in: "Sources/PortolanRender/themes", ending: ".yaml").map(Self.file)
        fuzz("theme", seeds: seeds, salt: 6) { bytes in
            _ = try Theme.parse(try Self.text(bytes, "themes/t.yaml"), file: "themes/t.yaml")
        }
    }

    @Test func keymaps() throws {
        let seed = Array("keys:\n  x: quit\n  q: none\n  space: focus-next\n  page-down: list-down\n  j: list-down\n".utf8)
        fuzz("keymap", seeds: [seed], salt: 7) { bytes in
            _ = try KeyMap.read(try Self.text(bytes, "keys.yaml"), file: "keys.yaml")
        }
    }

    @Test func targetLists() throws {
        let seed = Array("# raw targets\ntcp 127.0.0.1 13000\nudp 10.0.0.0/30 15000\ntcp ksc.corp.example 8061  # web\ntcp ::1 443\n".utf8)
        fuzz("targets", seeds: [seed], salt: 8) { bytes in
            _ = try TargetListReader.read(try Self.text(bytes, "targets.txt"), file: "targets.txt")
        }
    }

    @Test func agentRequestLines() throws {
        let seed = Array(
            (#"{"id":"a","host":"127.0.0.1","port":13000,"protocol":"tcp","schema":"ksc13-lan","label":"4","from":"client-direct","to":"admin-server"}"#
                + "\n" + #"{"id":7,"host":"ksc.corp.example","port":15000,"protocol":"udp","timeout_ms":200,"retries":1}"# + "\n").utf8)
        fuzz("agent", seeds: [seed], salt: 9) { bytes in
            var splitter = LineSplitter(limit: 4096)
            var problem: String?
            func take(_ item: LineSplitter.Item) {
                guard case let .line(number, line) = item else { return }
                if case let .failure(error) = Agent.parse(Array(line), lineNumber: number, defaults: ProbeSettings()),
                    !error.error.hasPrefix("stdin:\(number):") || error.error.count > 1_500
                {
                    problem = error.error
                }
            }
            splitter.feed(bytes[...], take)
            splitter.finish(take)
            if let problem { throw LocatedError(file: "", "agent error without its place: \(problem.prefix(300))") }
        }
    }
}
