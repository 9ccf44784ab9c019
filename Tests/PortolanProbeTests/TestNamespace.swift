import Foundation
import PortolanProbe
#if canImport(Glibc)
import Glibc
#endif

/// A network namespace the test creates (`ip netns add`) and removes, with nftables rules of its own.
/// Nothing sent inside it leaves it.
final class TestNamespace: @unchecked Sendable {
    let name: String

    /// Creates the namespace, brings its loopback up and loads `rules` (an `nft -f` script) into it.
    init(rules: String, setup: [[String]] = []) throws {
        name = "portolan-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try Self.run(["ip", "netns", "add", name])
        do {
            try Self.run(["ip", "-n", name, "link", "set", "lo", "up"])
            try Self.run(["ip", "netns", "exec", name, "nft", "-f", "-"], input: rules)
            for command in setup { try Self.run(["ip", "netns", "exec", name] + command) }
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the namespace (and with it its rules and routes).
    func remove() {
        try? Self.run(["ip", "netns", "delete", name])
    }

    /// Runs `body` on a new thread that has entered the namespace, and waits for it.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [name] in
            box.result = Result {
                try NetworkNamespace.enter(name)
                return try body()
            }
            done.signal()
        }
        thread.start()
        done.wait()
        return try box.result?.get() ?? { throw TestFailure("no result") }()
    }

    @discardableResult
    static func run(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        ignoreBrokenPipes()
        try process.run()
        if let input { try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(text)")
        }
        return text
    }
}

final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// Writes to a pipe or socket whose reader has gone fail with EPIPE instead of killing the test process.
func ignoreBrokenPipes() {
    _ = brokenPipesIgnored
}

private let brokenPipesIgnored: Bool = {
    signal(SIGPIPE, SIG_IGN)
    return true
}()
