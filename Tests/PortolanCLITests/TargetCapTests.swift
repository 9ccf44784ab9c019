import Foundation
import Testing

/// `--max-targets` is one flag with one default and one error for every command that reads a topology.
@Suite struct TargetCapTests {
    static let commands = ["probe", "tui", "watch", "rules", "audit"]

    /// Two /16 blocks: 131,068 targets, over the default cap of 100,000. Nothing is probed: the
    /// topology is refused while it is read, before any socket or listener.
    static func bigTopology() throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-cap-\(getpid())-\(UUID().uuidString.prefix(8)).yaml")
        try Data("name: big\nschemas: [ksc13-lan]\nroles:\n  administration-server: [10.2.0.0/16, 10.3.0.0/16]\n".utf8).write(to: file)
        return file
    }

    static func arguments(_ command: String, _ file: URL) -> [String] {
        command == "tui" ? [command, "--topology", file.path] : [command, file.path]
    }

    @Test(arguments: commands) func theDefaultCapRefusesABigTopologyWithTheFlagNamed(_ command: String) throws {
        let file = try Self.bigTopology()
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Binary.run(Self.arguments(command, file) + ["--listen", "127.0.0.1:0"].filter { _ in command == "watch" })
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(file.path):4:"), "\(run.stderr)")
        #expect(run.stderr.contains("more than the cap of 100000"), "\(run.stderr)")
        #expect(run.stderr.contains("--max-targets"), "\(run.stderr)")
    }

    @Test(arguments: commands) func aCapBelowOneIsAUsageError(_ command: String) throws {
        let file = try Self.bigTopology()
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Binary.run(Self.arguments(command, file) + ["--max-targets", "0"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--max-targets must be at least 1"), "\(run.stderr)")
    }

    @Test func aRaisedCapLetsTheTopologyThrough() throws {
        let file = try Self.bigTopology()
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Binary.run(["rules", file.path, "--format", "csv", "--max-targets", "200000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("13000"), "\(run.stdout.prefix(400))")
        // A lower cap than the topology's size is refused the same way, naming the cap given.
        let lowered = try Binary.run(["watch", file.path, "--listen", "127.0.0.1:0", "--max-targets", "1000"])
        #expect(lowered.status == 2)
        #expect(lowered.stderr.contains("more than the cap of 1000"), "\(lowered.stderr)")
    }
}
