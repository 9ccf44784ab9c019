import Foundation
import PortolanCore
@testable import PortolanProbe
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// After enough answers show round trips far below the floor, a TCP connect waits less than the floor
/// (`RoundTripEstimator.connectTimeout`); UDP keeps the floor.
@Suite struct SettledTimeoutTests {
    @Test func connectTimeoutGoesBelowTheFloorOnlyOnceSettledAndNeverAboveTheTimeout() {
        var estimator = RoundTripEstimator(floor: .milliseconds(100), ceiling: .seconds(1))
        #expect(estimator.connectTimeout == .seconds(1))
        for _ in 1..<RoundTripEstimator.settledSamples { estimator.record(.microseconds(50)) }
        #expect(estimator.connectTimeout == .milliseconds(100), "not settled yet: the floor")
        estimator.record(.microseconds(50))
        #expect(estimator.connectTimeout == .milliseconds(25), "settled: a quarter of the floor at most")
        #expect(estimator.timeout == .milliseconds(100), "UDP's timeout keeps the floor")
        // Round trips of 5 ms: eight RFC 6298 timeouts, about 40 ms.
        for _ in 0..<60 { estimator.record(.milliseconds(5)) }
        #expect(estimator.connectTimeout >= .milliseconds(40) && estimator.connectTimeout < .milliseconds(41), "\(estimator.connectTimeout)")
        // Round trips of 20 ms: eight timeouts would be 160 ms; never more than `timeout`.
        for _ in 0..<60 { estimator.record(.milliseconds(20)) }
        #expect(estimator.connectTimeout == estimator.timeout)
        #expect(estimator.timeout == .milliseconds(100))
    }

    /// TCP and UDP attempts wait in queues of their own: a settled TCP attempt expires at its shorter
    /// timeout even though a UDP attempt started before it still waits the floor.
    @Test func aSettledConnectExpiresBeforeAnOlderUDPAttempt() throws {
        let silentUDP = try TestSocket(.udp)
        let full = try FullListener()
        let clock = ManualClock()
        let options = ScanOptions(timeoutCeiling: .seconds(1), timeoutFloor: .milliseconds(100), retries: 0, concurrency: 16)
        var run = ScanRun(
            targets: [scanTarget(loopback, silentUDP.port, .udp), scanTarget(loopback, full.port, .tcp)], options: options, clock: clock,
            estimator: RoundTripEstimator(floor: options.timeoutFloor, ceiling: options.timeoutCeiling))
        run.window = 2
        let opened = run.open()
        #expect(opened)
        defer { run.shutdown() }
        for _ in 0..<RoundTripEstimator.settledSamples { run.estimator.record(.microseconds(80)) }
        run.launch()
        #expect(run.inFlight == 2)
        clock.advance(.milliseconds(24))
        run.expire()
        #expect(run.inFlight == 2)
        clock.advance(.milliseconds(1))
        run.expire()
        #expect(run.outcome(1)?.state == .filtered && run.outcome(1)?.reason == .timeout)
        #expect(run.outcome(0) == nil && run.inFlight == 1)
        #expect(run.waitMilliseconds() == 75)
        clock.advance(.milliseconds(75))
        run.expire()
        #expect(run.outcome(0)?.state == .openFiltered)
    }
}

/// A TCP listener with a backlog of 0 whose accept queue one connection fills: the kernel drops every
/// further SYN to it, so a connect stays unanswered (loopback only, a port of this test's own).
final class FullListener {
    let listener: TestSocket
    let filler: Int32
    var port: PortNumber { listener.port }

    init() throws {
        listener = try TestSocket(.tcp, listen: false)
        guard Glibc.listen(listener.fd, 0) == 0 else { throw TestFailure("listen: \(errno)") }
        filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = listener.port.rawValue.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect: \(errno)") }
    }

    deinit { close(filler) }
}
