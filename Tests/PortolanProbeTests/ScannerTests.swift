import Foundation
import PortolanCore
@testable import PortolanProbe
import Testing
#if canImport(Glibc)
import Glibc
#endif

func scanTarget(_ socketAddress: IPAddress, _ port: PortNumber, _ transport: Transport) -> ScanTarget {
    ScanTarget(address: socketAddress, port: port, transport: transport)
}

let loopback = IPAddress.v4(0x7F00_0001)

@Suite struct ScannerTests {
    // Loopback answers in microseconds; the floor and a retry leave room for a loaded 2-core CI machine.
    let fast = ScanOptions(timeoutCeiling: .seconds(1), timeoutFloor: .milliseconds(250), retries: 1, concurrency: 256)

    @Test func tcpOpenAndClosedOnIPv4AndIPv6() throws {
        let listener = try TestSocket(.tcp)
        let listener6 = try TestSocket(.tcp, host: "::1")
        let closed = try TestSocket.closedTCP()
        let closed6 = try TestSocket.closedTCP(host: "::1")
        let v6 = try requireValue(IPAddress("::1"))
        let scanner = SocketScanner(options: fast)
        let outcomes = scanner.scan([
            scanTarget(loopback, listener.port, .tcp), scanTarget(loopback, closed.port, .tcp),
            scanTarget(v6, listener6.port, .tcp), scanTarget(v6, closed6.port, .tcp),
        ])
        #expect(outcomes.map(\.state) == [.open, .closed, .open, .closed])
        #expect(outcomes.map(\.reason) == [.synAck, .connRefused, .synAck, .connRefused])
        #expect(outcomes.allSatisfy { ($0.latency ?? .zero) > .zero })
        #expect(outcomes[2].address == v6)
        // Answers are round-trip samples: the timeout has come down from the ceiling.
        #expect(scanner.statistics.estimator.samples >= 1)
        #expect(scanner.statistics.estimator.timeout == .milliseconds(250))
    }

    @Test func udpReplyClosedAndSilence() throws {
        let echo = try UDPEcho()
        let silent = try TestSocket(.udp)
        let closed = try TestSocket.releasedPort(.udp)
        let outcomes = SocketScanner(options: fast).scan([
            scanTarget(loopback, echo.port, .udp), scanTarget(loopback, closed, .udp), scanTarget(loopback, silent.port, .udp),
        ])
        #expect(outcomes.map(\.state) == [.open, .closed, .openFiltered])
        #expect(outcomes.map(\.reason) == [.udpResponse, .portUnreach, .noResponse])
        #expect(outcomes[2].latency == nil)
    }

    @Test func manyPortsWithRetriesKeepOrder() throws {
        let listeners = try (0..<40).map { _ in try TestSocket(.tcp) }
        let closed = try (0..<40).map { _ in try TestSocket.closedTCP() }
        var targets: [ScanTarget] = []
        for index in 0..<40 {
            targets.append(scanTarget(loopback, listeners[index].port, .tcp))
            targets.append(scanTarget(loopback, closed[index].port, .tcp))
        }
        var options = fast
        options.retries = 2
        let outcomes = SocketScanner(options: options).scan(targets)
        #expect(outcomes.map(\.state) == (0..<40).flatMap { _ in [PortState.open, .closed] })
    }

    @Test func largeScansShareTwoLoops() throws {
        let listener = try TestSocket(.tcp)
        let closed = try TestSocket.closedTCP()
        let targets = (0..<9000).map { scanTarget(loopback, $0 % 100 == 7 ? listener.port : closed.port, .tcp) }
        var options = fast
        options.loops = 2
        let scanner = SocketScanner(options: options)
        let outcomes = scanner.scan(targets)
        #expect(scanner.statistics.loops == 2)
        #expect(scanner.statistics.attempts >= 9000)
        let wrong = outcomes.enumerated().filter { $0.element.state != ($0.offset % 100 == 7 ? .open : .closed) }
        #expect(wrong.isEmpty, "\(wrong.prefix(3).map { "\($0.offset): \($0.element.state) \($0.element.reason) \($0.element.message ?? "")" })")
    }

    @Test func selfConnectGuard() throws {
        // Bind a socket to a loopback port and connect it to that same address and port: TCP's
        // simultaneous open connects it to itself, which is what a scan of an ephemeral port can hit.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        // Bound to a port the kernel picks, then connected to that same address and port.
        let bound = RawSocketAddress(loopback, port: 0).withPointer { bind(fd, $0, $1) }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let address = RawSocketAddress(loopback, port: UInt16(bigEndian: local.sin_port))
        let connected = address.withPointer { connect(fd, $0, $1) }
        #expect(bound == 0 && connected == 0)
        #expect(SocketCalls.isSelfConnected(fd))
        #expect(SocketCalls.isConnected(toItsOwnPort: fd, port: UInt16(bigEndian: local.sin_port)))
        let verdict = ProbeClassifier.tcp(error: 0, selfConnected: SocketCalls.isSelfConnected(fd))
        #expect(verdict.0 == .closed && verdict.1 == .selfConnect)

        // A real connection to a listener is not mistaken for one.
        let listener = try TestSocket(.tcp)
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        let clientConnected = RawSocketAddress(loopback, port: listener.port.rawValue).withPointer { connect(client, $0, $1) }
        #expect(clientConnected == 0)
        #expect(!SocketCalls.isSelfConnected(client))
        #expect(!SocketCalls.isConnected(toItsOwnPort: client, port: listener.port.rawValue))
    }

    @Test func theDescriptorTableGrowsInOneStep() throws {
        func tableSize() throws -> Int {
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            let line = try requireValue(status.split(separator: "\n").first { $0.hasPrefix("FDSize:") })
            return try requireValue(Int(line.dropFirst("FDSize:".count).trimmingCharacters(in: .whitespaces)))
        }
        let wanted = min(max(try tableSize(), 64) * 4, FileLimit.raise() - 1)
        FileLimit.growTable(upTo: wanted)
        #expect(try tableSize() > wanted)
        // Over the limit: nothing happens, nothing fails.
        FileLimit.growTable(upTo: Int(Int32.max))
    }

    @Test func windowIsClampedToTheDescriptorLimit() throws {
        #expect(FileLimit.window(requested: 4096, limit: 1024, openNow: 10) == 950)
        #expect(FileLimit.window(requested: 100, limit: 1024, openNow: 10) == 100)
        #expect(FileLimit.window(requested: 4096, limit: 50, openNow: 10) == 1)
        // The limit counts: raising it never lowers it, and the default window fits under it.
        let limit = FileLimit.raise()
        #expect(limit >= 64)
        #expect(SocketScanner().options.descriptorBudget == nil)
        // A scan under a small budget keeps every result.
        let listener = try TestSocket(.tcp)
        let closed = try TestSocket.closedTCP()
        let targets = (0..<300).map { scanTarget(loopback, $0 % 3 == 0 ? closed.port : listener.port, .tcp) }
        var options = fast
        options.concurrency = 10_000
        options.descriptorBudget = 8
        let scanner = SocketScanner(options: options)
        let outcomes = scanner.scan(targets)
        #expect(scanner.statistics.window == 8)
        #expect(scanner.statistics.peakInFlight <= scanner.statistics.window)
        #expect(outcomes.enumerated().allSatisfy { $0.element.state == ($0.offset % 3 == 0 ? .closed : .open) })
    }
}

/// A clock the test moves by hand.
final class ManualClock: ProbeClock, @unchecked Sendable {
    private let lock = NSLock()
    private var nanoseconds: UInt64 = 1_000_000_000

    func now() -> UInt64 { lock.withLock { nanoseconds } }
    func advance(_ duration: Duration) { lock.withLock { nanoseconds += duration.wholeNanoseconds } }
}

@Suite struct AdaptiveTimeoutTests {
    @Test func estimatorFollowsRFC6298WithinFloorAndCeiling() {
        var estimator = RoundTripEstimator(floor: .milliseconds(100), ceiling: .seconds(2))
        #expect(estimator.timeout == .seconds(2))
        estimator.record(.milliseconds(200))
        #expect(estimator.smoothed == .milliseconds(200))
        #expect(estimator.variation == .milliseconds(100))
        #expect(estimator.timeout == .milliseconds(600))
        estimator.record(.milliseconds(600))
        #expect(estimator.smoothed == .milliseconds(250))
        #expect(estimator.variation == .milliseconds(175))
        #expect(estimator.timeout == .milliseconds(950))
        for _ in 0..<50 { estimator.record(.microseconds(50)) }
        #expect(estimator.timeout == .milliseconds(100))
        for _ in 0..<3 { estimator.record(.seconds(5)) }
        #expect(estimator.timeout == .seconds(2))
    }

    @Test func attemptsExpireByTheCurrentEstimateOnAnInjectedClock() throws {
        let silent = try TestSocket(.udp)
        let silentTCP = try TestSocket(.tcp)
        let clock = ManualClock()
        let options = ScanOptions(timeoutCeiling: .seconds(1), timeoutFloor: .milliseconds(100), retries: 1, concurrency: 16)
        var run = ScanRun(
            targets: [scanTarget(loopback, silent.port, .udp), scanTarget(loopback, silentTCP.port, .udp)], options: options,
            clock: clock, estimator: RoundTripEstimator(floor: options.timeoutFloor, ceiling: options.timeoutCeiling))
        run.window = 1
        let opened = run.open()
        #expect(opened)
        defer { run.shutdown() }
        run.launch()
        #expect(run.inFlight == 1)
        // No sample yet: the ceiling applies.
        clock.advance(.milliseconds(999))
        run.expire()
        #expect(run.inFlight == 1 && run.outcome(0) == nil)
        clock.advance(.milliseconds(1))
        run.expire()
        #expect(run.inFlight == 0 && run.outcome(0) == nil)
        // Silence is retried before the next target starts.
        run.launch()
        #expect(run.tries == [2, 0])
        // Fast answers elsewhere bring the timeout down to the floor for attempts already in flight.
        for _ in 0..<20 { run.estimator.record(.microseconds(80)) }
        clock.advance(.milliseconds(99))
        run.expire()
        #expect(run.outcome(0) == nil)
        clock.advance(.milliseconds(1))
        run.expire()
        #expect(run.outcome(0)?.state == .openFiltered)
        #expect(run.outcome(0)?.reason == .noResponse)
        #expect(run.waitMilliseconds() == 0)
    }
}

/// A clock that jumps 2 s each time it is read: every attempt is past any timeout the moment the
/// scan looks at it, as on a machine so busy that the loop falls behind by more than the timeout.
final class LeapingClock: ProbeClock, @unchecked Sendable {
    private let lock = NSLock()
    private var nanoseconds: UInt64 = 1_000_000_000

    func now() -> UInt64 {
        lock.withLock {
            nanoseconds += 2_000_000_000
            return nanoseconds
        }
    }
}

@Suite struct BusyLoopTests {
    /// Open ports are timed by the kernel's own handshake round trip, not by how long the loop took to
    /// read the answer: on this clock every answer is read seconds after its connect, yet the estimate
    /// stays at loopback's microseconds, and a connect's timeout settles at its lowest (floor / 4).
    @Test func openPortsAreTimedByTheKernelsHandshake() throws {
        let listener = try TestSocket(.tcp)
        let options = ScanOptions(timeoutCeiling: .seconds(5), timeoutFloor: .milliseconds(100), retries: 0, concurrency: 50, descriptorBudget: 50)
        let targets = Array(repeating: scanTarget(loopback, listener.port, .tcp), count: 400)
        var run = ScanRun(targets: targets, options: options, clock: LeapingClock(), estimator: RoundTripEstimator(floor: options.timeoutFloor, ceiling: options.timeoutCeiling))
        run.window = 50
        run.execute()
        #expect(targets.indices.allSatisfy { run.outcome($0)?.state == .open })
        #expect(run.estimator.samples == 400 / ScanRun.kernelSampleInterval)
        #expect((run.estimator.smoothed ?? .seconds(1)) < .milliseconds(20))
        #expect(run.estimator.connectTimeout == .milliseconds(25))
        // The results still say when the loop saw each answer.
        #expect(run.outcome(0)?.latency ?? .zero >= .seconds(2))
    }

    /// 600 answers wait in the kernel (more than one epoll batch of 256) when the scan gets to them,
    /// and every attempt is already older than the ceiling: each answer is still taken before any
    /// attempt expires, so all 600 read closed, none filtered.
    @Test func answersWaitingInTheKernelAreTakenBeforeAnythingExpires() throws {
        let closed = try TestSocket.closedTCP()
        let options = ScanOptions(timeoutCeiling: .seconds(1), timeoutFloor: .milliseconds(100), retries: 0, concurrency: 600, descriptorBudget: 600)
        let targets = Array(repeating: scanTarget(loopback, closed.port, .tcp), count: 600)
        var run = ScanRun(targets: targets, options: options, clock: LeapingClock(), estimator: RoundTripEstimator(floor: options.timeoutFloor, ceiling: options.timeoutCeiling))
        run.window = 600
        run.execute()
        let states = targets.indices.map { run.outcome($0)?.state }
        #expect(states.filter { $0 == .closed }.count == 600, "\(Dictionary(grouping: states.map { "\($0.map(\.rawValue) ?? "none")" }, by: { $0 }).mapValues(\.count))")
    }
}
