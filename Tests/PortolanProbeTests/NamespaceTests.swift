import Foundation
import PortolanCore
@testable import PortolanProbe
import PortolanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Probes inside a network namespace the test makes, with nftables rules that drop and reject.
/// Needs root (CI runs as root), `ip` (iproute2) and `nft` (nftables).
@Suite(.enabled(if: geteuid() == 0, "network namespaces need root"), .requires("ip", "nft"))
struct NamespaceTests {
    static let rules = """
        table inet portolan_test {
            chain input {
                type filter hook input priority 0; policy accept;
                tcp dport 9 drop
                udp dport 9 drop
                tcp dport 11 reject with icmpx type admin-prohibited
            }
        }
        """

    @Test func filteredRejectedAndUnreachable() throws {
        let namespace = try TestNamespace(rules: Self.rules, setup: [["ip", "route", "add", "unreachable", "10.9.9.0/24"]])
        defer { namespace.remove() }
        let (outcomes, statistics) = try namespace.run {
            // Opened inside the namespace, by the thread that entered it.
            let listener = try TestSocket(.tcp)
            let echo = try UDPEcho()
            let port = { PortNumber($0)! }
            let unreachable = IPAddress("10.9.9.1")!
            let scanner = SocketScanner(options: ScanOptions(timeoutCeiling: .seconds(2), timeoutFloor: .milliseconds(80), retries: 1))
            let outcomes = scanner.scan([
                scanTarget(loopback, listener.port, .tcp), scanTarget(loopback, port(9), .tcp), scanTarget(loopback, port(10), .tcp),
                scanTarget(loopback, port(11), .tcp), scanTarget(unreachable, port(80), .tcp),
                scanTarget(loopback, echo.port, .udp), scanTarget(loopback, port(9), .udp), scanTarget(loopback, port(10), .udp),
            ])
            return (outcomes, scanner.statistics)
        }
        #expect(outcomes.map(\.state) == [.open, .filtered, .closed, .filtered, .filtered, .open, .openFiltered, .closed])
        #expect(outcomes.map(\.reason) == [
            .synAck, .timeout, .connRefused, .hostUnreach, .hostUnreach, .udpResponse, .noResponse, .portUnreach,
        ])
        #expect(statistics.attempts == 8 + 2)  // the two silent ports were tried twice
    }

    @Test func adaptiveTimeoutShortensDroppedPorts() throws {
        let namespace = try TestNamespace(rules: Self.rules)
        defer { namespace.remove() }
        let (outcomes, statistics, elapsed) = try namespace.run {
            let clock = ContinuousClock()
            let start = clock.now
            // 300 closed ports answer at once and measure the round trip; port 9 drops everything.
            let targets = (1000..<1300).map { scanTarget(loopback, PortNumber($0)!, .tcp) } + [scanTarget(loopback, PortNumber(9)!, .tcp)]
            let scanner = SocketScanner(options: ScanOptions(timeoutCeiling: .seconds(5), timeoutFloor: .milliseconds(60), retries: 1))
            let outcomes = scanner.scan(targets)
            return (outcomes, scanner.statistics, clock.now - start)
        }
        #expect(outcomes.prefix(300).allSatisfy { $0.state == .closed })
        #expect(outcomes.last?.state == .filtered)
        #expect(statistics.estimator.timeout == .milliseconds(60))
        // 300 answers settle the estimate: a connect waits eight estimates, within a quarter of the floor and the floor
        // (15 ms on an idle machine, where the answers take microseconds).
        #expect(statistics.estimator.connectTimeout >= .milliseconds(15) && statistics.estimator.connectTimeout <= .milliseconds(60))
        // Two attempts at the settled timeout, not two at the 5 s ceiling.
        #expect(elapsed < .seconds(2))
        #expect(elapsed >= .milliseconds(30))
    }

    @Test func namesResolveOrSayWhyNot() throws {
        // Inside a namespace with only loopback: a lookup that reaches for a DNS server fails at once
        // without a packet leaving (.invalid never resolves anyway); localhost comes from /etc/hosts.
        let namespace = try TestNamespace(rules: Self.rules)
        defer { namespace.remove() }
        let (missing, local) = try namespace.run {
            (HostResolver.resolve(.name("portolan-test.invalid")), HostResolver.resolve(.name("localhost")))
        }
        guard case let .failure(failure) = missing else {
            Issue.record("portolan-test.invalid resolved")
            return
        }
        #expect(!failure.message.isEmpty)
        #expect(try local.get().isLoopback)
        #expect(try HostResolver.resolve(.address(loopback)).get() == loopback)
    }

    @Test func udpProbesToOneHostArePaced() throws {
        // 10.9.9.1 is an address of the namespace, not a loopback address: pacing applies to it.
        let namespace = try TestNamespace(rules: Self.rules, setup: [["ip", "addr", "add", "10.9.9.1/24", "dev", "lo"]])
        defer { namespace.remove() }
        let steps = try namespace.run {
            let clock = ManualClock()
            let host = IPAddress("10.9.9.1")!
            let options = ScanOptions(timeoutCeiling: .seconds(1), retries: 0, concurrency: 16, udpHostInterval: .milliseconds(50))
            let targets = [20, 21, 22].map { scanTarget(host, PortNumber($0)!, .udp) } + [scanTarget(loopback, PortNumber(23)!, .udp)]
            var run = ScanRun(targets: targets, options: options, clock: clock, estimator: RoundTripEstimator(floor: .milliseconds(100), ceiling: .seconds(1)))
            run.window = 16
            guard run.open() else { return [Int]() }
            defer { run.shutdown() }
            var started: [Int] = []
            run.launch()
            started.append(run.attempts)  // 10.9.9.1:20 and the loopback target; 21 and 22 wait their turn
            clock.advance(.milliseconds(49))
            run.launch()
            started.append(run.attempts)
            clock.advance(.milliseconds(1))
            run.launch()
            started.append(run.attempts)
            clock.advance(.milliseconds(50))
            run.launch()
            started.append(run.attempts)
            return started
        }
        #expect(steps == [2, 2, 3, 4])
    }

    @Test func agentAndConsolePortsWithDifferentCertificatesAreFlagged() throws {
        let namespace = try TestNamespace(rules: Self.rules)
        defer { namespace.remove() }
        // The documented ports themselves: the namespace is fresh, nothing else listens there.
        let listeners = try namespace.run {
            [
                try TLSListener(certificate: TestCertificate(commonName: "agents", names: ["ksc"], validFor: 90), port: 13000),
                try TLSListener(certificate: TestCertificate(commonName: "console", names: ["ksc"], validFor: 90), port: 13291),
            ]
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-certs-\(getpid()).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            schemas: [ksc13-lan]
            roles: {administration-server: 127.0.0.1}
            probe: {timeout-ms: 400, min-timeout-ms: 50, retries: 0}
            """.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["ip", "netns", "exec", namespace.name, CLI.executable().path, "probe", file.path, "--json"])
        let report = try JSONDecoder().decode(ProbeReportJSON.self, from: Data(run.stdout.utf8))
        let warning = "127.0.0.1 presents different certificates on 13000 and 13291"
        let flagged = report.results.filter { $0.warnings.contains(warning) }
        #expect(Set(flagged.map(\.port)) == [13000, 13291])
        #expect(flagged.allSatisfy { $0.tls?.verdict == .tlsOK })
        #expect(Set(flagged.compactMap { $0.tls?.subject }).count == 2)
        _ = listeners
    }

    @Test func probeCommandInsideANamespace() throws {
        let namespace = try TestNamespace(rules: Self.rules)
        defer { namespace.remove() }
        // Listeners opened inside the namespace; they live as long as these values.
        let (tls, plain) = try namespace.run {
            let certificate = try TestCertificate(commonName: "ksc", names: ["ksc"], validFor: 90)
            return (try TLSListener(certificate: certificate), try ReplyingListener(reply: Array("220 ready\r\n".utf8), read: false))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-ns-\(getpid()).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            name: ns-lab
            schemas: [ksc13-lan]
            ports: {13000/tcp: \(tls.port), 13291: \(plain.port), 13000/udp: 9, 17000: 9, 13299: 11, 1433: 12}
            roles: {administration-server: 127.0.0.1, dbms: 127.0.0.1}
            probe: {timeout-ms: 400, min-timeout-ms: 50, retries: 0}
            """.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["ip", "netns", "exec", namespace.name, CLI.executable().path, "probe", file.path, "--json"])
        #expect(run.status == 1)
        let report = try JSONDecoder().decode(ProbeReportJSON.self, from: Data(run.stdout.utf8))
        #expect(report.topology == "ns-lab")
        #expect(report.vantageNote == "probed from here, not from the initiators")
        #expect(report.results.allSatisfy { $0.vantage == "here" && $0.fromInitiator == false })
        func row(_ label: String) -> [ProbeResultJSON] { report.results.filter { $0.label == label } }
        #expect(row("1").map(\.state) == [.closed])
        #expect(row("3").map(\.state) == [.openFiltered, .openFiltered])
        #expect(row("3").allSatisfy { $0.expected })
        #expect(row("4").map { $0.tls?.verdict } == [.tlsOK, .tlsOK])
        #expect(row("4").allSatisfy { $0.expected && $0.tls?.subject?.contains("CN=ksc") == true && $0.tls?.sha256?.count == 64 })
        #expect(row("5").map(\.reason) == [.timeout])
        #expect(row("6").map { $0.tls?.verdict } == [.notTLS])
        #expect(row("6").first?.expected == false)
        #expect(row("9").map(\.reason) == [.hostUnreach])
        #expect(report.results.allSatisfy { $0.vantage == "here" && $0.schema == "ksc13-lan" })

        let table = try CLI.run(["ip", "netns", "exec", namespace.name, CLI.executable().path, "probe", file.path])
        #expect(table.status == 1)
        #expect(table.stdout.contains("Probed from here, not from the initiators."))
        #expect(table.stdout.contains("127.0.0.1:\(tls.port)/tcp"))
        _ = (tls, plain)
    }
}
