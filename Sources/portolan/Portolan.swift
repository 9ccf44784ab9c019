import ArgumentParser
import Foundation
import PortolanCore
import PortolanLab
import PortolanLayout
import PortolanTerminal

@main
struct Portolan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portolan",
        abstract: "Maps of who talks to whom on which port in a Kaspersky Security Center deployment.",
        discussion: """
            portolan holds the interaction schemas of Kaspersky Security Center 13.1 and Administration \
            Kit 6.0 as data, draws them, and checks them against a real network.

            Exit codes: 0 success, 1 a check found arrows not in their expected state (or the audit findings), 2 usage or input errors.
            """,
        version: "portolan 0.4.0",
        subcommands: [SchemasCommand.self, ShowCommand.self, PortsCommand.self, LegendCommand.self, ExportCommand.self, BenchCommand.self, ProbeCommand.self, TuiCommand.self, TuiBenchCommand.self, MimicCommand.self, DemoCommand.self, AgentCommand.self, WatchCommand.self, RulesCommand.self, AuditCommand.self]
    )

    /// Runs the command; usage and input errors exit with status 2 and a message on standard error.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if let export = QuickExport.request(arguments) {
                try export.run()
                return
            }
            try checkSubcommand(arguments)
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// Refuses an unknown subcommand with the nearest one ("did you mean 'show'?"), as topology files do
    /// for unknown keys, instead of ArgumentParser's "unexpected argument".
    static func checkSubcommand(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return }
        let hint = Suggestion.nearest(first, in: names).map { "did you mean '\($0)'?" }
            ?? "commands: \(names.joined(separator: ", "))"
        throw CommandFailure(message: "no command '\(first)' (\(hint))")
    }

    static func exit(with error: Error) -> Never {
        switch error {
        case let failure as CommandFailure:
            FileHandle.standardError.write(Data("portolan: \(failure.message)\n".utf8))
            Foundation.exit(failure.code)
        case let errors as LoadErrors:
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            Foundation.exit(2)
        case let located as LocatedError:
            FileHandle.standardError.write(Data((located.description + "\n").utf8))
            Foundation.exit(2)
        case let terminal as TerminalUnavailable:
            FileHandle.standardError.write(Data("portolan: \(terminal.description)\n".utf8))
            Foundation.exit(2)
        case let layout as LayoutError:
            FileHandle.standardError.write(Data("portolan: \(layout.description)\n".utf8))
            Foundation.exit(2)
        default:
            let code = Self.exitCode(for: error)
            if code == .success || code == .failure && error is ExitCode {
                Self.exit(withError: error)
            }
            // ArgumentParser's usage errors (64) and everything else unexpected: message, status 2.
            let message = Self.fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .success ? 0 : (error is ExitCode ? code.rawValue : 2))
        }
    }
}
