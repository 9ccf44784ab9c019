import Foundation
import Testing

/// The layering that Package.swift's comment states, checked on the sources: the CLI target holds commands
/// and their options only, and the packages with one user are imported by that user alone.
@Suite struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift file under `Sources/TARGET`, as (target, file name, text).
    static func files() throws -> [(target: String, name: String, text: String)] {
        var found: [(String, String, String)] = []
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let target = String(relative.prefix { $0 != "/" })
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            found.append((target, (relative as NSString).lastPathComponent, text))
        }
        return found
    }

    /// A top-level `struct`, `enum`, `class`, `actor` or `protocol` in `Sources/portolan` must be a command or
    /// a group of options (ArgumentParser's protocols); helpers belong in a library target with its tests.
    @Test func theCLIHoldsOnlyCommandsAndOptions() throws {
        let declaration = /^(?:public |internal |fileprivate |private |final )*(struct|enum|class|actor|protocol) (\w+)([^{]*)\{/
            .anchorsMatchLineEndings()
        var strays: [String] = []
        var commands = 0
        for file in try Self.files() where file.target == "portolan" {
            for match in file.text.matches(of: declaration) {
                let conformances = String(match.output.3)
                if ["ParsableCommand", "AsyncParsableCommand", "ParsableArguments"].contains(where: conformances.contains) {
                    commands += 1
                } else {
                    strays.append("\(file.name): \(match.output.1) \(match.output.2)")
                }
            }
        }
        #expect(strays == [], "move these into a library target")
        #expect(commands >= 15, "the scan found the commands (\(commands))")
    }

    @Test func argumentParserAndNcursesHaveOneUserEach() throws {
        for file in try Self.files() {
            if file.text.contains("import ArgumentParser") { #expect(file.target == "portolan", "\(file.target)/\(file.name)") }
            if file.text.contains("import CNcursesBridge") { #expect(file.target == "PortolanTerminal", "\(file.target)/\(file.name)") }
        }
    }
}
