import Foundation
import Testing

/// The commands tests run from Debian packages, looked up in the package list that `.ci/run` installs
/// and the README names (`.ci/packages`).
///
/// A test needing a missing command is skipped with a comment naming its package, so that a newcomer
/// knows what to install, except with `CI=true` in the environment: there the missing command is an
/// error that fails the test, so that CI can never pass by skipping.
public enum RequiredTools {
    /// The list of packages, relative to the package root.
    public static let listPath = ".ci/packages"

    /// One line of the list: a Debian package and the commands the tests run from it.
    public struct Package: Equatable, Sendable {
        public var name: String
        public var commands: [String]

        public init(name: String, commands: [String]) {
            self.name = name
            self.commands = commands
        }
    }

    /// A command a test needs that is not installed (thrown only under `CI=true`).
    public struct Missing: Error, CustomStringConvertible {
        public var commands: [String]
        public var packages: [String]
        public var description: String {
            "CI=true and \(commands.joined(separator: ", ")) not installed: .ci/run installs the Debian package(s) "
                + "\(packages.joined(separator: " ")); a test may not pass CI by skipping"
        }
    }

    /// A command that no line of `.ci/packages` provides: the list must name every tool a test uses.
    public struct Unlisted: Error, CustomStringConvertible {
        public var command: String
        public var description: String { "'\(command)' is not listed in \(RequiredTools.listPath): add its Debian package there" }
    }

    /// The packages of `text` (the list's format: `package command...`, `#` comments).
    public static func parse(_ text: String) -> [Package] {
        text.split(separator: "\n").compactMap { line in
            let words = line.prefix { $0 != "#" }.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let name = words.first else { return nil }
            return Package(name: name, commands: Array(words.dropFirst()))
        }
    }

    /// The packages of the project's list (empty if it cannot be read).
    public static var packages: [Package] {
        let url = PortolanProcess.packageRoot.appendingPathComponent(listPath)
        return parse((try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }

    /// The package that provides `command`, per the list.
    public static func package(providing command: String, in list: [Package] = packages) -> String? {
        list.first { $0.commands.contains(command) }?.name
    }

    /// True if `command` is an executable in one of PATH's folders (as the tests run it, through PATH).
    public static func isInstalled(_ command: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> Bool {
        (path ?? "").split(separator: ":").map(String.init).contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// True when the environment says this is a CI run (`CI=true`).
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Whether a test needing `commands` runs: true if all are installed; false (skip) if one is missing;
    /// under `ci`, a missing one throws `Missing` instead. A command the list does not name throws `Unlisted`.
    public static func check(
        _ commands: [String], list: [Package] = packages, ci: Bool = isCI, installed: (String) -> Bool = { isInstalled($0) }
    ) throws -> Bool {
        for command in commands where package(providing: command, in: list) == nil { throw Unlisted(command: command) }
        let missing = commands.filter { !installed($0) }
        guard !missing.isEmpty else { return true }
        if ci { throw Missing(commands: missing, packages: missing.compactMap { package(providing: $0, in: list) }) }
        return false
    }

    /// "needs nft (apt-get install nftables)": the skip comment for `commands`, naming only those of them
    /// that are not installed (all of them when none is missing), so that a newcomer installs just what lacks.
    public static func comment(
        _ commands: [String], list: [Package] = packages, installed: (String) -> Bool = { isInstalled($0) }
    ) -> String {
        let missing = commands.filter { !installed($0) }
        return "needs " + (missing.isEmpty ? commands : missing)
            .map { "\($0) (apt-get install \(package(providing: $0, in: list) ?? "?"))" }.joined(separator: ", ")
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test or suite only where `commands` are installed; skips it naming their Debian packages
    /// otherwise, and fails it instead under `CI=true` (see `RequiredTools`).
    public static func requires(_ commands: String..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        .enabled(Comment(rawValue: RequiredTools.comment(commands)), sourceLocation: sourceLocation) {
            try RequiredTools.check(commands)
        }
    }
}
