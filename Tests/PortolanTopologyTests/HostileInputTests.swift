import Foundation
import Testing

@testable import PortolanCore

/// Inputs built to hurt: merge-key and alias bombs, huge keys, bytes that are not UTF-8, control
/// characters, hosts files that are the wrong file, and topologies that bind too many targets.
@Suite struct HostileInputTests {
    /// The error `body` throws, as a located error.
    func located(_ body: () throws -> Void) -> LocatedError? {
        do {
            try body()
            return nil
        } catch {
            return error as? LocatedError
        }
    }

    /// `m0` and then `depth` mappings, each merging the one before `fan` times.
    func mergeBomb(depth: Int, fan: Int = 8) -> String {
        var text = "m0: &m0 {a: 1, b: 2, c: 3, d: 4}\n"
        for level in 1...depth {
            let aliases = Array(repeating: "*m\(level - 1)", count: fan).joined(separator: ", ")
            text += "m\(level): &m\(level)\n  <<: [\(aliases)]\n  k\(level): \(level)\n"
        }
        return text + "top:\n  <<: *m\(depth)\n"
    }

    @Test func aMergeKeyBombIsRefusedAtItsPlace() throws {
        // Depth 6 took 111 s before the bound; now the walk stops at the first node past it.
        let error = try #require(located { _ = try YAMLNode.parse(mergeBomb(depth: 6), file: "bomb.yaml").mapping("theme") })
        #expect(error.message.contains("expands to more than \(YAMLLimits.maximumNodes)"), "\(error)")
        #expect(error.location?.file == "bomb.yaml" && (error.location?.line ?? 0) > 1, "\(error)")
    }

    @Test func mergeKeysNestAtMostEightDeep() throws {
        let error = try #require(located { _ = try YAMLNode.parse(mergeBomb(depth: 9, fan: 1), file: "deep.yaml") })
        #expect(error.message.contains("merge keys ('<<') nest more than 8 deep"), "\(error)")
        #expect(error.location != nil)
        // Eight levels of ordinary merging still read, with the merged keys in place.
        let top = try YAMLNode.parse(mergeBomb(depth: 7, fan: 1), file: "ok.yaml").mapping("doc")
        let merged = try #require(top["top"]).mapping("top")
        #expect(try merged["a"]?.int("a") == 1 && merged.has("k7") && merged.has("k1"))
    }

    @Test func aPlainAliasBombIsRefusedToo() throws {
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { text += "l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ","))]\n" }
        let error = try #require(located { _ = try YAMLNode.parse(text, file: "laughs.yaml") })
        #expect(error.message.contains("expands to more than"), "\(error)")
    }

    @Test func aHugeUnknownKeyGetsAShortMessageAndNoGuess() throws {
        let key = String(repeating: "k", count: 200_000)
        let error = try #require(located { try YAMLNode.parse("? \(key)\n: 1\n", file: "t.yaml").mapping("theme").rejectUnknownKeys(["name", "styles"]) })
        #expect(error.description.count < 200, "\(error.description.prefix(300))")
        #expect(error.message.contains("'kkkkkkkkkkkkkkkkkkkkkkk…kkkkkkkkkkkkkkkkkkkkkkk'"), "\(error.message)")
        #expect(error.hint == "allowed keys: name, styles")
        // A short typo still gets its guess.
        let typo = try #require(located { try YAMLNode.parse("nmae: 1\n", file: "t.yaml").mapping("theme").rejectUnknownKeys(["name", "styles"]) })
        #expect(typo.hint == "did you mean 'name'?")
    }

    @Test func quotingCutsLongValuesAndShowsControlCharacters() {
        #expect(quoted("short") == "'short'")
        #expect(quoted(String(repeating: "a", count: 30) + String(repeating: "b", count: 70)) == "'" + String(repeating: "a", count: 23) + "…" + String(repeating: "b", count: 23) + "'")
        #expect(quoted("a\u{1B}[2Jb\nc") == "'a\\u{1B}[2Jb\\nc'")
    }

    @Test func bytesThatAreNotUTF8AreReportedAtTheirLineAndColumn() throws {
        let error = try #require(located { _ = try TextFile.decode(Array("name: x\nstyles: é".utf8) + [0xFF, 0x41], file: "theme.yaml") })
        #expect(error.description == "theme.yaml:2:10: the file is not UTF-8 text (byte 0xFF here) (save it as UTF-8)")
        #expect(try TextFile.decode([0xEF, 0xBB, 0xBF] + Array("ok".utf8), file: "bom.yaml") == "ok")
    }

    @Test func controlCharactersAreReportedAtTheirLineAndColumn() throws {
        let error = try #require(located { _ = try YAMLNode.parse("name: x\nstyles: a\u{1}b\n", file: "t.yaml") })
        #expect(error.location == SourceLocation(file: "t.yaml", line: 2, column: 10), "\(error)")
        #expect(error.message.contains("control characters are not allowed") && error.message.contains("0x01"), "\(error)")
    }

    @Test func filesAreReadWithReasonsInWords() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-textfile-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try TextFile.readIfPresent(folder + "/missing.yaml") == nil)
        #expect(located { _ = try TextFile.read(folder + "/missing.yaml", what: "keymap file") }?.message == "no such keymap file")
        #expect(located { _ = try TextFile.readIfPresent(folder) }?.message == "is a folder, not a file")
        #expect(located { _ = try TextFile.readIfPresent("") }?.message == "an empty path names no file")
        let big = located { _ = try TextFile.readIfPresent("/dev/zero") }
        #expect(big?.description == "/dev/zero: is larger than 16 MiB (an input file this large is not a topology, pack, list or theme)")
    }

    @Test func aHostsFileErrorDoesNotPrintTheFile() throws {
        let error = try #require(topologyError(
            "roles:\n  dbms: {file: secrets.txt}\n", files: ["site/secrets.txt": "# creds\nadmin hunter2=Secret!\n"]))
        #expect(error.location == SourceLocation(file: "site/secrets.txt", line: 2, column: 7), "\(error)")
        #expect(!error.description.contains("hunter2") && !error.description.contains("Secret"), "\(error)")
        #expect(error.message == "bad host")
        // Written in the topology itself, the entry is quoted as usual.
        #expect(topologyError("roles:\n  dbms: [bad!host]\n")?.message == "bad host 'bad!host'")
    }

    @Test func aTopologyBindsAtMostTheCapOfTargets() throws {
        let text = "roles:\n  dbms: 10.1.0.0/16\n  administration-server: [10.2.0.0/16, 10.3.0.0/16]\n"
        let error = try #require(topologyError(text))
        #expect(error.message == "the topology binds 196602 targets in all (hosts of every binding and file), more than the cap of 100000", "\(error)")
        #expect(error.location == SourceLocation(file: "site/topo.yaml", line: 3, column: 27))
        #expect(error.hint?.contains("--max-targets") == true)
        // One /16 is fine; raised, the cap lets all three through.
        #expect(topologyError("roles:\n  dbms: 10.1.0.0/16\n") == nil)
        var reader = TopologyReader(catalog: Catalog.builtin()) { _ in nil }
        reader.maximumTargets = 200_000
        #expect(try reader.read(text, file: "t.yaml").bindings.map(\.hosts.count) == [65_534, 131_068])
        // Hosts files count towards the same total.
        let files = ["site/many.txt": String(repeating: "10.9.0.0/24\n", count: 3)]
        var small = TopologyReader(catalog: Catalog.builtin()) { files[$0] }
        small.maximumTargets = 600
        #expect(throws: LocatedError.self) { try small.read("roles:\n  dbms: [10.1.0.0/24, {file: many.txt}]\n", file: "site/topo.yaml") }
    }

    @Test func aTargetListHoldsAtMostTheCap() throws {
        let error = try #require(located { _ = try TargetListReader.read("tcp 10.0.0.0/24 80\ntcp 10.1.0.0/24 80\n", file: "t.txt", maximumTargets: 300) })
        #expect(error.location == SourceLocation(file: "t.txt", line: 2, column: 5) && error.message.contains("cap of 300"), "\(error)")
    }

    @Test func theStreamedJSONReportIsTheEncodedReport() throws {
        let target = ProbeTarget(host: .name("ksc.corp.example"), port: PortNumber(13000)!, transport: .tcp)
        let results = (0..<3).map { index in
            ProbeResult(
                arrow: ArrowRef(schema: "ksc13-lan", label: "4", from: "client-direct", to: "admin-server"), target: target,
                outcome: ProbeOutcome(address: nil, state: index == 0 ? .open : .closed, reason: .connRefused, message: "m \(index)"))
        }
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        for subset in [results, []] {
            var text = ""
            try ProbeReportJSON.stream(topology: "lab", started: started, results: subset) { text += $0 }
            let streamed = try JSONDecoder().decode(ProbeReportJSON.self, from: Data(text.utf8))
            #expect(streamed == ProbeReportJSON(topology: "lab", started: started, results: subset))
            #expect(text.hasPrefix("{\n  \"results\" : [") && text.hasSuffix("}\n"))
        }
    }

    /// `/api/v1/state` writes the report a piece at a time: whole result lines, joining to what `probe --json` prints.
    @Test func theReportInPiecesJoinsToTheStreamedDocument() throws {
        let results = (0..<40).map { index in
            ProbeResult(
                arrow: ArrowRef(schema: "ksc13-lan", label: "4", from: "client-direct", to: "admin-server"),
                target: ProbeTarget(host: .address(IPAddress("10.9.0.\(index + 1)")!), port: PortNumber(13000)!, transport: .tcp),
                outcome: ProbeOutcome(address: IPAddress("10.9.0.\(index + 1)"), state: .open, reason: .synAck, latency: .microseconds(90)))
        }
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        var streamed = ""
        try ProbeReportJSON.stream(topology: "lab", started: started, results: results) { streamed += $0 }
        var pieces = ProbeReportPieces(topology: "lab", started: started, results: results)
        var joined = "", count = 0
        while let piece = try pieces.next(size: 500) {
            count += 1
            joined += piece
            #expect(piece.hasSuffix("}") || piece.hasSuffix("}\n"), "a piece ends after a whole result: \(piece.suffix(40))")
        }
        #expect(joined == streamed)
        #expect(count > 5)
        #expect(try pieces.next() == nil)
    }
}
