import Foundation
import Testing

/// `portolan export` at the size goals of the default figure, at `--width 80`, and at each `--detail`.
@Suite struct ExportSizeTests {
    /// Every built-in schema's default unicode figure: deployment ≤ 160x60, component ≤ 100x30.
    @Test func theDefaultFiguresMeetTheSizeGoals() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-size-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Binary.run(["export", "all", "--format", "unicode", "-o", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let kinds = try kindsByID()
        #expect(kinds.count == 16)
        for (id, kind) in kinds {
            let text = try String(contentsOf: folder.appendingPathComponent("\(id).txt"), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // The title, one blank line, the figure, one blank line, then the numbered list.
            let list = try #require(lines.firstIndex { $0.hasPrefix("Arrows (from the side") }, "\(id)")
            let title = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).isEmpty })
            let figure = lines[(title + 1)..<(list - 1)]
            let width = figure.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression).count }.max() ?? 0
            let (maxWidth, maxHeight) = kind == "component" ? (100, 30) : (160, 60)
            #expect(width <= maxWidth, "\(id) is \(width) columns wide")
            #expect(figure.count <= maxHeight, "\(id) is \(figure.count) lines high")
        }
    }

    /// `export` of a built-in schema draws its build-time figure (`BuiltinFigures`): the same text as a layout at
    /// run time, and the same JSON (which holds every cell of the geometry; compared parsed, as its key order
    /// varies from run to run).
    @Test func theBuildTimeFigureDrawsWhatARunTimeLayoutDraws() throws {
        for format in ["unicode", "json"] {
            let stored = try Binary.run(["export", "ksc13-server-in-dmz", "--format", format])
            let fresh = try Binary.run(["export", "ksc13-server-in-dmz", "--format", format, "--layout-at-run-time"])
            #expect(stored.status == 0 && fresh.status == 0, "\(stored.stderr)\(fresh.stderr)")
            #expect(!stored.stdout.isEmpty)
            if format == "json" {
                let parse = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary }
                #expect(try parse(stored.stdout) == parse(fresh.stdout) && parse(stored.stdout) != nil)
            } else {
                #expect(stored.stdout == fresh.stdout)
            }
        }
    }

    /// `--width 80` succeeds for every schema and says on stderr which level it chose.
    @Test func eightyColumnsWorkForEverySchemaAndSayTheLevel() throws {
        let run = try Binary.run(["export", "all", "--width", "80", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let notes = run.stderr.split(separator: "\n")
        #expect(notes.count == 16, "\(run.stderr)")
        for note in notes {
            #expect(note.contains(" level, ") && note.contains("(fits 80 columns)"), "\(note)")
            #expect(["full", "compact", "overview"].contains { note.contains(": \($0) level") }, "\(note)")
        }
        let diagrams = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(diagrams.count == 16)
        for diagram in diagrams {
            let geometry = try #require(diagram["geometry"] as? [String: Any])
            #expect((geometry["width"] as? Int ?? .max) <= 80)
        }
    }

    /// `--detail` draws the level asked for; an unknown one is a usage error.
    @Test func detailPicksTheLevel() throws {
        let overview = try Binary.run(["export", "ksc13-lan", "--detail", "overview"])
        #expect(overview.status == 0, "\(overview.stderr)")
        let figure = overview.stdout.components(separatedBy: "Arrows (from the side").first ?? ""
        #expect(!figure.contains("13000/tcp") && !figure.contains("klserver"), "the overview lists no processes or ports in boxes")
        #expect(figure.contains("[4]"))
        let full = try Binary.run(["export", "ksc13-lan", "--detail", "full", "--width", "400", "--height", "400"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect((full.stdout.components(separatedBy: "Arrows (from the side").first ?? "").contains("13000/tcp"))
        #expect(full.stderr.contains("full level"))
        let bad = try Binary.run(["export", "ksc13-lan", "--detail", "tiny"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--detail 'tiny'"))
    }

    private func kindsByID() throws -> [String: String] {
        let list = try #require(
            try JSONSerialization.jsonObject(with: Data(Binary.run(["schemas", "--json"]).stdout.utf8)) as? [[String: Any]])
        var kinds: [String: String] = [:]
        for object in list {
            if let id = object["id"] as? String, let kind = object["kind"] as? String { kinds[id] = kind }
        }
        return kinds
    }
}
