import ArgumentParser
import PortolanLab
import PropertyBased
import Testing

@testable import portolan

/// `QuickExport` reads the common forms of `portolan export` without ArgumentParser; ArgumentParser stays
/// the command's definition. Whatever the quick path takes, ArgumentParser must read as the same request,
/// and what it cannot read exactly it must leave alone.
struct QuickExportTests {
    /// What ArgumentParser makes of `arguments`, as `Portolan.main` would parse them.
    static func parsed(_ arguments: [String]) throws -> ExportRequest? {
        (try Portolan.parseAsRoot(arguments) as? ExportCommand)?.request
    }

    @Test(arguments: [
        ["export", "ksc13-server-in-dmz"],
        ["export", "all", "--format", "svg", "-o", "out"],
        ["export", "--format", "dot", "ksc13-lan"],
        ["export", "ksc13-lan", "--detail", "overview", "--legend", "--theme", "mono", "--output", "x.txt"],
        ["export", "--catalog", "a", "ksc13-lan", "--catalog", "b", "--no-user-packs"],
        ["export", "ksc13-internet-gateway", "--layout-at-run-time", "--format", "ascii"],
        ["export", "no-such-schema"],
        ["export", "ksc13-lan", "--format", "no-such-format"],
    ])
    func theCommonFormsAreTakenAsArgumentParserReadsThem(arguments: [String]) throws {
        let taken = try #require(QuickExport.request(arguments), "the quick path takes \(arguments)")
        #expect(taken == (try Self.parsed(arguments)))
    }

    @Test func itTakesTheFormTheBenchTimes() {
        #expect(QuickExport.request(["export", "ksc13-server-in-dmz"]) == ExportRequest(id: "ksc13-server-in-dmz"))
    }

    @Test(arguments: [
        ["export"],
        ["export", "--help"],
        ["export", "-h"],
        ["export", "ksc13-lan", "--width", "80"],
        ["export", "ksc13-lan", "--format=svg"],
        ["export", "ksc13-lan", "--format", "svg", "--format", "dot"],
        ["export", "ksc13-lan", "-o", "a", "--output", "b"],
        ["export", "ksc13-lan", "--legend", "--legend"],
        ["export", "ksc13-lan", "ksc13-hierarchy"],
        ["export", "ksc13-lan", "--format"],
        ["export", "ksc13-lan", "--format", "-"],
        ["export", "ksc13-lan", "--output", "-x.txt"],
        ["export", "ksc13-lan", "--"],
        ["export", "ksc13-lan", "--no-such-option"],
        ["show", "ksc13-lan"],
        ["--version"],
        [],
    ])
    func everythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(QuickExport.request(arguments) == nil)
    }

    /// Random argument lists over the export's option names, values that look like options, `=` forms and
    /// stray words: every list the quick path takes, ArgumentParser parses to the same request.
    @Test func whateverTheQuickPathTakesArgumentParserReadsTheSame() async {
        let words = [
            "--format", "svg", "unicode", "--detail", "overview", "--theme", "mono", "-o", "--output", "out.txt", "--catalog",
            "packs", "--legend", "--no-user-packs", "--layout-at-run-time", "ksc13-lan", "all", "--width", "80", "-h",
            "--help", "--", "-", "-x", "--format=svg", "help", "export", "", "--version", "-oout",
        ]
        await propertyCheck(count: 400, input: Gen.int(in: 0...(words.count - 1)).array(of: 0...7)) { picks in
            let arguments = ["export"] + picks.map { words[$0] }
            guard let quick = QuickExport.request(arguments) else { return }
            #expect(quick == (try? Self.parsed(arguments)), "\(arguments)")
        }
    }
}
