import Foundation
import Testing

/// What a user expects of any command line tool: a version, hints for typos, tables that fit the
/// terminal, errors that say what is wrong.
@Suite struct CommandHabitsTests {
    @Test func versionIsPrinted() throws {
        let run = try Binary.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("portolan "), "\(run.stdout)")
    }

    @Test func aMistypedCommandGetsTheNearestOne() throws {
        let run = try Binary.run(["shwo", "ksc13-lan"])
        #expect(run.status == 2)
        #expect(run.stderr == "portolan: no command 'shwo' (did you mean 'show'?)\n", "\(run.stderr)")
        let far = try Binary.run(["zzzzzzzz"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("commands: schemas, show"), "\(far.stderr)")
    }

    @Test func aMistypedSchemaGetsTheNearestOne() throws {
        let run = try Binary.run(["export", "ksc13-lna"])
        #expect(run.status == 2)
        #expect(run.stderr == "portolan: no schema 'ksc13-lna' (did you mean 'ksc13-lan'?)\n", "\(run.stderr)")
    }

    /// Every line of the four tables fits $COLUMNS: the long column wraps, nothing is cut off.
    @Test(arguments: [["schemas"], ["ports"], ["legend"], ["show", "ksc13-lan"]])
    func tablesFitTheTerminal(_ arguments: [String]) throws {
        let wide = try Binary.run(arguments)
        let narrow = try Binary.run(arguments, environment: ["COLUMNS": "80"])
        #expect(narrow.status == 0)
        let wider = wide.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(!wider.isEmpty, "the test needs a table wider than 80 columns unwrapped")
        let over = narrow.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(over.isEmpty, "\(over.joined(separator: "\n"))")
        // Wrapped, not truncated: every character of the wide output is still there (rules aside).
        let characters = { (text: String) in text.filter { !$0.isWhitespace && $0 != "-" }.reduce(into: [Character: Int]()) { $0[$1, default: 0] += 1 } }
        #expect(characters(wide.stdout) == characters(narrow.stdout))
    }

    @Test func jsonIsNeverWrapped() throws {
        let run = try Binary.run(["ports", "--json"], environment: ["COLUMNS": "40"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.contains { ($0["purpose"] as? String ?? "").count > 90 })
    }

    @Test func oneWordForNotApplicable() throws {
        for arguments in [["ports"], ["show", "ksc13-lan"], ["export", "ksc13-lan", "--format", "markdown"]] {
            let run = try Binary.run(arguments)
            #expect(!run.stdout.contains(" Null "), "\(arguments)")
            #expect(run.stdout.contains("n/a"), "\(arguments)")
        }
    }

    @Test func aNegativeWidthIsRefusedWithTheReason() throws {
        let run = try Binary.run(["export", "ksc13-lan", "--width", "-5"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--width -5: a figure needs at least 20 columns"), "\(run.stderr)")
    }

    @Test func writingIntoAMissingFolderSaysSo() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-missing-\(UUID().uuidString)")
        let run = try Binary.run(["export", "ksc13-lan", "-o", missing.appendingPathComponent("lan.txt").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the folder '\(missing.path)' does not exist"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func aTopologyThatBindsNothingIsAnError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-nothing-\(UUID().uuidString).yaml")
        try Data("name: nothing\nschemas: [ksc13-lan]\nroles:\n  administration-console: 127.0.0.1\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Binary.run(["probe", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("nothing to probe: no responder of the watched schemas is bound"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
