import Foundation

/// What a finished child process printed and how it ended.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs the `portolan` binary that `swift test` built beside the test bundle, or any other command,
/// from the package root with a clean config folder. Shared by every test target that runs processes.
public enum PortolanProcess {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "the portolan executable was not built next to the tests; run `swift build` first" }
    }

    /// The `portolan` executable next to the test bundle.
    public static func executable() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("portolan")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw Missing()
    }

    /// Runs `portolan ARGUMENTS` (or, with `portolan: false`, the command `arguments[0]` looked up in
    /// PATH) to its end. Both pipes are read at once, so a large output cannot block the child.
    ///
    /// - Parameters:
    ///   - input: its standard input (default: this process's).
    ///   - timeLimit: seconds after which a watchdog kills it, so that a child that should have ended
    ///     fails the test instead of hanging it.
    public static func run(
        _ arguments: [String], portolan: Bool = true, environment extra: [String: String] = [:], input: FileHandle? = nil,
        timeLimit: Double? = nil
    ) throws -> ProcessOutput {
        let process = try prepared(arguments, portolan: portolan, environment: extra)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let input { process.standardInput = input }
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        if let timeLimit { DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: watchdog) }
        defer { watchdog.cancel() }
        let errors = ErrorBytes()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// A process for `portolan ARGUMENTS` (or `arguments[0]` from PATH) in the package root, with a
    /// config folder of its own so the user's packs never leak into a test.
    static func prepared(_ arguments: [String], portolan: Bool, environment extra: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = portolan ? try executable() : URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-no-config").path
        // Tables fit $COLUMNS where it is set; a test sets it itself when it wants a width.
        environment["COLUMNS"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        return process
    }

    /// Standard error's bytes, handed from the reading queue back after `group.wait()`.
    private final class ErrorBytes: @unchecked Sendable {
        var data = Data()
    }
}
