import Foundation
import PortolanCore
import PortolanProbe
import PortolanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Each test uses an address of its own on 127.0.0.0/8, so parallel tests cannot meet on a port.
@Suite struct MimicTests {
    let prober = Prober(options: ScanOptions(timeoutCeiling: .milliseconds(500), retries: 0), tlsTimeout: .seconds(3))

    @Test func opensTCPTLSAndUDPThatTheProberSeesAsDocumented() async throws {
        let host = try #require(IPAddress("127.0.0.71"))
        let plain = MimicEndpoint(address: host, port: try freePort(.tcp, host), transport: .tcp)
        let secure = MimicEndpoint(address: host, port: try freePort(.tcp, host), transport: .tcp, tls: true)
        let datagram = MimicEndpoint(address: host, port: try freePort(.udp, host), transport: .udp)
        let events = EventRecorder()
        let mimic = Mimic(onEvent: events.record)
        let report = await mimic.open([plain, secure, datagram])
        #expect(report.failed.isEmpty, "\(report.failed)")
        #expect(Set(report.opened) == [plain, secure, datagram])
        #expect(mimic.openEndpoints == [plain, secure, datagram].sorted())

        let outcomes = await prober.probe([
            ProbeTarget(host: .address(host), port: plain.port, transport: .tcp, tls: .no),
            ProbeTarget(host: .address(host), port: secure.port, transport: .tcp, tls: .yes),
            ProbeTarget(host: .address(host), port: datagram.port, transport: .udp),
        ])
        #expect(outcomes[0].state == .open)
        #expect(outcomes[0].tls?.verdict == .plainOK)
        #expect(outcomes[1].state == .open)
        #expect(outcomes[1].tls?.verdict == .tlsOK)
        #expect(outcomes[1].tls?.certificate?.subject.contains("portolan mimic") == true)
        #expect(outcomes[2].state == .open)
        #expect(outcomes[2].reason == .udpResponse)

        // Every connection and datagram was logged with its peer.
        let answered = try await events.waitFor { events in
            Set(events.compactMap { if case let .connection(endpoint, _) = $0 { endpoint } else { nil } }).count == 3
        }
        #expect(answered)
        await mimic.shutdown()
        #expect(mimic.openEndpoints.isEmpty)
    }

    @Test func aClosedEndpointIsClosedAndOpensAgain() async throws {
        let host = try #require(IPAddress("127.0.0.72"))
        let tcp = MimicEndpoint(address: host, port: try freePort(.tcp, host), transport: .tcp, tls: true)
        let udp = MimicEndpoint(address: host, port: try freePort(.udp, host), transport: .udp)
        let mimic = Mimic()
        #expect(await mimic.open([tcp, udp]).failed.isEmpty)
        let targets = [
            ProbeTarget(host: .address(host), port: tcp.port, transport: .tcp, tls: .yes),
            ProbeTarget(host: .address(host), port: udp.port, transport: .udp),
        ]
        #expect(await prober.probe(targets).map(\.state) == [.open, .open])

        await mimic.close(tcp)
        await mimic.close(udp)
        #expect(mimic.openEndpoints.isEmpty)
        // The listening socket may go a moment after close() returns: probe until refused, for five seconds.
        var closed = await prober.probe(targets)
        let deadline = ContinuousClock.now + .seconds(5)
        while closed[0].state != .closed, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            closed = await prober.probe(targets)
        }
        #expect(closed[0].state == .closed)
        #expect(closed[0].reason == .connRefused)
        // Linux rate-limits ICMP port-unreachable, also on loopback: silence is as good as a refusal here.
        #expect(closed[1].state == .closed || closed[1].state == .openFiltered, "\(closed[1])")
        #expect(closed[1].reason != .udpResponse)

        try await mimic.open(tcp)
        try await mimic.open(udp)
        let reopened = await prober.probe(targets)
        #expect(reopened.map(\.state) == [.open, .open])
        #expect(reopened[0].tls?.verdict == .tlsOK)
        await mimic.shutdown()
    }

    @Test func aPortInUseIsReportedAndTheOthersStillOpen() async throws {
        let host = try #require(IPAddress("127.0.0.73"))
        let taken = MimicEndpoint(address: host, port: try freePort(.tcp, host), transport: .tcp)
        let takenUDP = MimicEndpoint(address: host, port: try freePort(.udp, host), transport: .udp)
        let free = MimicEndpoint(address: host, port: try freePort(.tcp, host), transport: .tcp)
        let first = Mimic()
        #expect(await first.open([taken, takenUDP]).failed.isEmpty)

        let events = EventRecorder()
        let second = Mimic(onEvent: events.record)
        let report = await second.open([taken, takenUDP, free])
        #expect(report.opened == [free])
        #expect(report.failed[taken]?.contains("port in use") == true, "\(report.failed)")
        #expect(report.failed[takenUDP]?.contains("port in use") == true, "\(report.failed)")
        #expect(events.all.contains(.failed(taken, reason: "port in use")))
        await #expect(throws: MimicFailure.self) { try await second.open(taken) }
        await first.shutdown()
        await second.shutdown()
    }

    @Test func theCatalogGivesTheAdministrationServersPorts() throws {
        let catalog = try Catalog.load(adding: [])
        let lan = try #require(catalog.schema("ksc13-lan"))
        let host = try #require(IPAddress("127.0.0.1"))
        let endpoints = MimicPlan.endpoints(for: .administrationServer, in: [lan], addresses: [host])
        let described = endpoints.map(\.description)
        #expect(described.contains("127.0.0.1:13000/tcp tls"))
        #expect(described.contains("127.0.0.1:13000/udp"))
        #expect(described.contains("127.0.0.1:13291/tcp tls"))
        #expect(!endpoints.contains { $0.port.rawValue == 1433 }, "1433 belongs to the DBMS")
        #expect(MimicPlan.endpoints(for: .browser, in: [lan], addresses: [host]).isEmpty)
    }
}

/// Collects a mimic's events from its threads.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [MimicEvent] = []

    var all: [MimicEvent] { lock.withLock { events } }

    @Sendable func record(_ event: MimicEvent) { lock.withLock { events.append(event) } }

    /// Polls until `condition` holds, for at most five seconds.
    func waitFor(_ condition: ([MimicEvent]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if condition(all) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition(all)
    }
}

/// A free port (see `PortolanTestSupport.freePort(tcp:)`) as the prober's type.
func freePort(_ transport: Transport, _ host: IPAddress) throws -> PortNumber {
    guard case .v4 = host else { throw PortFailure(message: "not IPv4: \(host)") }
    guard let port = PortNumber(rawValue: try freePort(tcp: transport == .tcp)) else { throw PortFailure(message: "port 0") }
    return port
}
