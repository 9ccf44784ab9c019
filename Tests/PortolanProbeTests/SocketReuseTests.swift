import CPortolanNet
import Foundation
import PortolanCore
@testable import PortolanProbe
import PortolanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket serves one attempt after another (`ScanRun.recycle`): what one attempt leaves
/// behind must never be read as the next one's answer.
@Suite struct SocketReuseTests {
    let oneAtATime = ScanOptions(timeoutCeiling: .seconds(1), timeoutFloor: .milliseconds(250), retries: 1, concurrency: 1, descriptorBudget: 1)

    @Test func oneSocketPerFamilyServesEveryAttempt() throws {
        let listener = try TestSocket(.tcp)
        let closed = try TestSocket.closedTCP()
        let listener6 = try TestSocket(.tcp, host: "::1")
        let v6 = try requireValue(IPAddress("::1"))
        // Open after closed and closed after open, on the same socket, in both families.
        let targets = (0..<12).map { scanTarget(loopback, $0 % 2 == 0 ? listener.port : closed.port, .tcp) }
            + [scanTarget(v6, listener6.port, .tcp), scanTarget(loopback, listener.port, .tcp), scanTarget(v6, listener6.port, .tcp)]
        let scanner = SocketScanner(options: oneAtATime)
        let outcomes = scanner.scan(targets)
        #expect(outcomes.map(\.state) == (0..<12).map { $0 % 2 == 0 ? .open : .closed } + [.open, .open, .open])
        #expect(scanner.statistics.attempts == targets.count)
        #expect(scanner.statistics.sockets == 2)
    }

    /// The hang-up a dissolved connection leaves (a socket in CLOSE with no error) reaching the
    /// attempt that followed it on the same socket is not its answer; the real one still is.
    @Test func aLeftoverHangUpIsNotAnAnswer() throws {
        let listener = try TestSocket(.tcp)
        let options = oneAtATime
        var run = ScanRun(
            targets: [scanTarget(loopback, listener.port, .tcp)], options: options, clock: MonotonicClock(),
            estimator: RoundTripEstimator(floor: options.timeoutFloor, ceiling: options.timeoutCeiling))
        run.window = 1
        let opened = run.open()
        #expect(opened)
        defer { run.shutdown() }
        run.launch()
        let fd = try requireValue(run.slots.firstIndex { $0 != nil }.map(Int32.init))
        run.answer(fd: fd, events: cpn_epoll_hup | cpn_epoll_out)
        #expect(run.inFlight == 1 && run.outcome(0) == nil)
        // Loopback's handshake is done within connect; the socket reports writable: open.
        run.answer(fd: fd, events: cpn_epoll_out)
        #expect(run.inFlight == 0 && run.outcome(0)?.state == .open)
        #expect(run.idleTCP[0] == [fd])
    }

    @Test func loopbackAndTheUnspecifiedAddressAreLocal() throws {
        let local = LocalAddresses.current()
        let unspecified6 = try requireValue(IPAddress("::"))
        let mapped = try requireValue(IPAddress("::ffff:127.0.0.1"))
        let documentation = try requireValue(IPAddress("192.0.2.1"))
        #expect(local.complete)
        #expect(local.contains(loopback) && local.contains(.v4(0x7F00_0002)))
        #expect(local.contains(.v4(0)) && local.contains(unspecified6) && local.contains(mapped))
        #expect(!local.contains(documentation))
        // Without an interface list every address is treated as local: the guard runs everywhere.
        #expect(LocalAddresses(addresses: [], complete: false).contains(documentation))
    }
}

/// The same, inside namespaces the tests make: a dropped port between answered ones, and the
/// self-connect guard on a host address that is not loopback.
@Suite(.enabled(if: geteuid() == 0, "network namespaces need root"), .requires("ip", "nft"))
struct SocketReuseNamespaceTests {
    @Test func aSilentAttemptBetweenAnsweredOnesStaysFiltered() throws {
        let namespace = try TestNamespace(rules: NamespaceTests.rules)
        defer { namespace.remove() }
        let (outcomes, statistics) = try namespace.run {
            let listener = try TestSocket(.tcp)
            let port = { PortNumber($0)! }
            // Port 9 drops every SYN: the attempt before it connected and was reset on the same socket.
            let targets = [listener.port, port(9), listener.port, port(10), port(9), listener.port].map { scanTarget(loopback, $0, .tcp) }
            let scanner = SocketScanner(
                options: ScanOptions(timeoutCeiling: .seconds(1), timeoutFloor: .milliseconds(60), retries: 1, concurrency: 1, descriptorBudget: 1))
            return (scanner.scan(targets), scanner.statistics)
        }
        #expect(outcomes.map(\.state) == [.open, .filtered, .open, .closed, .filtered, .open])
        #expect(outcomes.map(\.reason) == [.synAck, .timeout, .synAck, .connRefused, .timeout, .synAck])
        #expect(statistics.attempts == 6 + 2)
        #expect(statistics.sockets == 1)
    }

    @Test func theSelfConnectGuardCoversTheHostsOwnAddresses() throws {
        // One ephemeral port, 40000: a connect to this namespace's own 10.77.0.1:40000, where nothing
        // listens, leaves from port 40000 and meets itself (a TCP simultaneous open).
        let namespace = try TestNamespace(
            rules: NamespaceTests.rules,
            setup: [["ip", "addr", "add", "10.77.0.1/32", "dev", "lo"], ["sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=40000 40000"]])
        defer { namespace.remove() }
        let (outcomes, local) = try namespace.run {
            let host = IPAddress("10.77.0.1")!
            let scanner = SocketScanner(options: ScanOptions(timeoutCeiling: .seconds(1), timeoutFloor: .milliseconds(60), retries: 0, concurrency: 1))
            return (scanner.scan([scanTarget(host, PortNumber(40000)!, .tcp), scanTarget(host, PortNumber(40000)!, .tcp)]), LocalAddresses.current())
        }
        #expect(local.contains(IPAddress("10.77.0.1")!) && !local.contains(IPAddress("10.77.0.2")!))
        #expect(outcomes.map(\.state) == [.closed, .closed])
        #expect(outcomes.map(\.reason) == [.selfConnect, .selfConnect])
    }
}

