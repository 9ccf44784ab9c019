import Foundation

/// A command started in the background (the built `portolan` or one from PATH) whose standard output
/// and error are collected as they arrive, so a test can wait for a line, signal it and wait for its end.
/// Killed when released, so a failing test leaves nothing behind.
public final class BackgroundProcess: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    /// Starts `portolan ARGUMENTS` (or, with `portolan: false`, `arguments[0]` from PATH) in the package root.
    public init(_ arguments: [String], portolan: Bool = true, environment extra: [String: String] = [:]) throws {
        process = try PortolanProcess.prepared(arguments, portolan: portolan, environment: extra)
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: false) }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: true) }
        signal(SIGPIPE, SIG_IGN)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public var pid: Int32 { process.processIdentifier }

    /// Everything written to standard output so far.
    public var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    /// Everything written to standard error so far.
    public var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Polls until `condition` holds for (stdout, stderr), at most `seconds`.
    ///
    /// - Returns: whether it held.
    public func waitFor(seconds: Double = 20, _ condition: (_ stdout: String, _ stderr: String) -> Bool) async -> Bool {
        var deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(stdout, stderr) { return true }
            // Once it has ended, only the last bytes in the pipes can still arrive.
            if !process.isRunning { deadline = min(deadline, Date().addingTimeInterval(1)) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(stdout, stderr)
    }

    /// The word that follows `marker` on the first standard-error line that has it (such as the URL in
    /// `listening on http://127.0.0.1:41234`), waiting at most `seconds` for that line.
    public func word(after marker: String, seconds: Double = 20) async -> String? {
        guard await waitFor(seconds: seconds, { _, err in err.contains(marker) }) else { return nil }
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains(marker) }), let start = line.range(of: marker)?.upperBound else {
            return nil
        }
        return String(line[start...].prefix { $0 != " " && $0 != "\"" })
    }

    /// Waits at most `seconds` for the process to end.
    ///
    /// - Returns: its exit status, or `nil` if it still runs.
    public func waitForExit(seconds: Double = 20) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else { return nil }
        return process.terminationStatus
    }

    private func append(_ data: Data, error: Bool) {
        guard !data.isEmpty else { return }
        lock.withLock {
            if error { err.append(data) } else { out.append(data) }
        }
    }
}
