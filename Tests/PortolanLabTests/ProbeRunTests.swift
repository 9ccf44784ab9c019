import Foundation
import PortolanCore
import PortolanTestSupport
import Testing

@testable import PortolanLab

/// `probe --targets FILE` as one `ProbeRun`: a listener this test opens on loopback answers, a port nothing
/// holds is closed, and the command line's settings are the ones the round ran with.
@Suite struct ProbeRunTests {
    /// A TCP listener on 127.0.0.1 (close-on-exec: other tests spawn processes meanwhile); the kernel
    /// completes handshakes into its backlog, so nothing needs to accept.
    static func listener() throws -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        try #require(bound == 0 && listen(fd, 8) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    @Test func aTargetsFileIsProbedFromHereWithTheFlagsSettings() async throws {
        let open = try Self.listener()
        defer { close(open.fd) }
        let closed = try freePort(tcp: true)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-targets-\(UUID().uuidString).txt").path
        try Data("tcp 127.0.0.1 \(open.port)\ntcp 127.0.0.1 \(closed)\n".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let overrides = ProbeSettings.Overrides(timeoutMilliseconds: 2000, concurrency: 2, retries: 0)
        let run = try await ProbeRun.targets(file, overrides: overrides, maximumTargets: 10)
        #expect(run.name == file && run.vantages.isEmpty && run.skipped == 0)
        #expect(run.settings.concurrency == 2 && run.settings.retries == 0 && run.settings.timeoutMilliseconds == 2000)
        #expect(run.results.map(\.outcome.state) == [.open, .closed])
        #expect(run.results.allSatisfy { $0.vantage == .here && $0.arrow == nil })
    }

    @Test func aTargetsFileOverTheLimitIsRefused() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-targets-\(UUID().uuidString).txt").path
        try Data("tcp 127.0.0.1 1\ntcp 127.0.0.1 2\n".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        await #expect(throws: LocatedError.self) { try await ProbeRun.targets(file, overrides: .init(), maximumTargets: 1) }
    }
}
