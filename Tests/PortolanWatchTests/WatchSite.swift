import Foundation
import PortolanCore
import PortolanProbe
import PortolanTestSupport
import PortolanWatch
import Testing

/// A simulated Administration Server for `ksc13-server-agent` on a loopback address of the test's own:
/// arrow 2 (13000, TLS) on a mimic's TLS listener and arrow 3 (14000, plain) on a plain one, both moved
/// to free ports; `closedOnPurpose` leaves arrow 3's port without a listener. A topology file binds it.
final class WatchSite: @unchecked Sendable {
    let address: IPAddress
    let secure: MimicEndpoint
    let plain: MimicEndpoint
    let mimic = Mimic()
    let folder: URL
    let topology: String

    init(address text: String, closedOnPurpose: Bool = false, name: String = "watch-test") async throws {
        address = try #require(IPAddress(text))
        secure = MimicEndpoint(address: address, port: try #require(PortNumber(rawValue: try freePort(tcp: true))), transport: .tcp, tls: true)
        plain = MimicEndpoint(address: address, port: try #require(PortNumber(rawValue: try freePort(tcp: true))), transport: .tcp)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-watch-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        topology = folder.appendingPathComponent("site.yaml").path
        try write(name: name)
        let report = await mimic.open(closedOnPurpose ? [secure] : [secure, plain])
        #expect(report.failed.isEmpty, "\(report.failed)")
    }

    /// Writes the topology file (again), under `name`.
    func write(name: String) throws {
        try Self.topology(name: name, address: address, secure: secure.port, plain: plain.port).write(toFile: topology, atomically: true, encoding: .utf8)
    }

    static func topology(name: String, address: IPAddress, secure: PortNumber, plain: PortNumber) -> String {
        """
        name: \(name)
        schemas: [ksc13-server-agent]
        ports: {13000/tcp: \(secure), 14000/tcp: \(plain)}
        roles:
          administration-server: \(address)
        probe: {timeout-ms: 500, min-timeout-ms: 50, retries: 0}

        """
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func close() async {
        await mimic.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The URL a watcher logged it listens on (`listening on http://127.0.3.11:41234`).
func listeningURL(_ watch: BackgroundProcess) async throws -> String {
    try #require(await watch.word(after: "listening on "), "the watcher never said where it listens: \(watch.stderr)")
}

/// Polls `body` until it returns a value, at most `seconds`.
func eventually<T>(seconds: Double = 20, _ body: () async throws -> T?) async throws -> T? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let value = try await body() { return value }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await body()
}

/// Text received on an event stream so far.
actor StreamText {
    private(set) var text = ""
    func append(_ bytes: [UInt8]) { text += String(decoding: bytes, as: UTF8.self) }
}

extension WatchClient {
    /// `get` with a limit far above any answer's time: the guard against a hang, not a speed check (the
    /// whole suite runs at once on two cores, and its blocking subprocess waits can starve this task).
    func fetch(_ path: String) async throws -> Reply { try await get(path, timeout: .seconds(90)) }
}
