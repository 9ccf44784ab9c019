import Foundation
import PortolanCore
import Synchronization
import Testing

@testable import PortolanProbe

#if canImport(Glibc)
import Glibc
#endif

/// `portolan agent`'s line protocol, in process: requests in, hello and answers out.
@Suite struct AgentTests {
    /// Runs an agent on `lines` (then end of input) and returns every line it wrote.
    func serve(_ lines: [String]) async throws -> [String] {
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard CloseOnExecPipe.make(&input) == 0, CloseOnExecPipe.make(&output) == 0 else { throw TestFailure("pipe: \(errno)") }
        let text = lines.map { $0 + "\n" }.joined()
        let wrote = text.utf8CString.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count - 1) }
        #expect(wrote == text.utf8.count)
        close(input[1])
        return await Self.answers(input: input[0], output: output)
    }

    /// Runs an agent reading `input` (closes it) and writing into the pipe `output`; every line it wrote.
    static func answers(input: Int32, output: [Int32]) async -> [String] {
        await Agent(defaults: ProbeSettings(timeoutMilliseconds: 300, retries: 0), name: "test-agent").run(input: input, output: output[1])
        close(input)
        close(output[1])
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(output[0], &chunk, chunk.count)
            if count <= 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        close(output[0])
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func answersEveryRequestWithItsIdAndSaysWhereALineIsBad() async throws {
        let listener = try TestSocket(.tcp)
        let closed = try TestSocket.closedTCP()
        let echo = try UDPEcho()
        let lines = try await serve([
            #"{"id":"a","host":"127.0.0.1","port":\#(listener.port),"protocol":"tcp","schema":"ksc13-lan","label":"4","from":"client-direct","to":"admin-server"}"#,
            "not json",
            #"{"id":"c","host":"127.0.0.1","port":0,"protocol":"tcp"}"#,
            "",
            #"{"id":"d","host":"127.0.0.1","port":\#(closed.port),"protocol":"TCP"}"#,
            #"{"id":"e","host":"127.0.0.1","port":\#(echo.port),"protocol":"udp","timeout_ms":200}"#,
            #"{"id":"f","host":"127.0.0.1","protocol":"udp"}"#,
            #"{"id":"g","host":"bad host!","port":1,"protocol":"tcp"}"#,
            #"{"id":9,"host":"127.0.0.1","port":\#(closed.port),"protocol":"tcp","bogus":1}"#,
            "[1,2]",
            #"{"id":10,"host":"127.0.0.1","port":\#(closed.port),"protocol":"tcp"}"#,
            #"{"host":"127.0.0.1","port":"#,
        ])
        let hello = try JSONDecoder().decode(AgentHelloJSON.self, from: Data(try #require(lines.first).utf8))
        #expect(hello.agent == "portolan" && hello.protocol == AgentProtocol.version && hello.pid == Int(getpid()))
        var results: [String: ProbeResultJSON] = [:]
        var errors: [AgentErrorJSON] = []
        for line in lines.dropFirst() {
            if let result = try? JSONDecoder().decode(ProbeResultJSON.self, from: Data(line.utf8)) {
                results[result.id ?? "?"] = result
            } else {
                errors.append(try JSONDecoder().decode(AgentErrorJSON.self, from: Data(line.utf8)))
            }
        }
        #expect(results.keys.sorted() == ["10", "a", "d", "e"])
        #expect(results["10"]?.state == .closed, "a numeric id is read and echoed as its text")
        #expect(results["a"]?.state == .open)
        #expect(results["a"]?.label == "4" && results["a"]?.from == "client-direct" && results["a"]?.fromInitiator == true)
        #expect(results["a"]?.vantage == "test-agent")
        #expect(results["d"]?.state == .closed && results["d"]?.fromInitiator == nil)
        #expect(results["e"]?.state == .open && results["e"]?.protocol == "udp")
        #expect(errors.map(\.id) == [nil, "c", "f", "g", "9", nil, nil])
        #expect(errors[0].error.hasPrefix("stdin:2:1: not valid JSON (a request is one object on one line"))
        #expect(errors[1].error == "stdin:3:1: field 'port': bad port 0; ports run from 1 to 65535")
        #expect(errors[2].error == "stdin:7:1: field 'port' missing; it must be a whole number from 1 to 65535")
        #expect(errors[3].error == "stdin:8:1: field 'host': 'bad host!' is neither an IP address nor a host name")
        #expect(errors[4].error.hasPrefix("stdin:9:1: field 'bogus' unknown field; a request has id, host, port"))
        #expect(errors[5].error == "stdin:10:1: a request is a JSON object, not an array")
        #expect(errors[6].error.hasPrefix("stdin:12:1: not valid JSON"))
    }

    @Test func resultLinesDecodeBackToTheSameOutcome() throws {
        let report = TLSReport(
            expected: .yes, verdict: .tlsOK, version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256",
            certificate: CertificateInfo(subject: "CN=ksc", issuer: "CN=ksc", alternativeNames: ["ksc.lab"], notAfter: Date(timeIntervalSince1970: 1_800_000_000), sha256: "ab"))
        let outcome = ProbeOutcome(address: IPAddress("10.0.0.1"), state: .open, reason: .synAck, latency: .microseconds(1250), tls: report)
        let result = ProbeResult(arrow: nil, target: ProbeTarget(host: .name("ksc.lab"), port: PortNumber(13000)!, transport: .tcp, tls: .yes), outcome: outcome)
        let line = try ProbeResultJSON(result, id: "7").line()
        let decoded = try JSONDecoder().decode(ProbeResultJSON.self, from: Data(line.utf8))
        #expect(decoded.id == "7")
        #expect(try ProbeOutcome(decoded) == outcome)
    }
}

/// Vantage points: the real `portolan agent` (and commands that are not one) started without a shell.
@Suite(.serialized) struct VantagePointTests {
    /// A clock the test moves by hand, for the back-off.
    final class TestClock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    func point(_ command: [String]) -> VantagePoint {
        VantagePoint(name: "lab", command: command, roles: [], location: SourceLocation(file: "test", line: 1, column: 1))
    }

    let quick = ProbeSettings(timeoutMilliseconds: 300, minimumTimeoutMilliseconds: 50, retries: 0)

    @Test func probesThroughTheAgentAndEndsIt() async throws {
        let listener = try TestSocket(.tcp)
        let closed = try TestSocket.closedTCP()
        // A generous start allowance: on a loaded machine a debug build may take seconds to say hello.
        let agent = AgentController(point: point([try CLI.executable().path, "agent"]), startAllowance: .seconds(60))
        let targets = [listener.port, closed.port].map { (target: ProbeTarget(host: .address(listener.address), port: $0, transport: .tcp), arrow: ArrowRef?.none) }
        let outcomes = await agent.probe(targets, settings: quick)
        #expect(outcomes.map(\.state) == [.open, .closed])
        var status = await agent.currentStatus
        #expect(status.state == .up && status.starts == 1 && status.message == nil)
        // A second round goes to the same agent.
        #expect(await agent.probe(Array(targets.prefix(1)), settings: quick).map(\.state) == [.open])
        #expect(await agent.currentStatus.starts == 1)
        await agent.shutdown()
        status = await agent.currentStatus
        #expect(status.state == .idle)
    }

    @Test func aDeadAgentLeavesUnknownAndIsRestartedAfterItsBackOff() async throws {
        let clock = TestClock()
        let agent = AgentController(point: point(["sh", "-c", "echo 'ssh: connect to host dmz-gw port 22: Connection refused' >&2; exit 255"]), now: { clock.now })
        let target = [(target: ProbeTarget(host: .address(IPAddress("127.0.0.1")!), port: PortNumber(9)!, transport: .tcp), arrow: ArrowRef?.none)]
        let first = try #require(await agent.probe(target, settings: quick).first)
        #expect(first.state == .unknown && first.reason == .vantageDown)
        #expect(first.message == "agent exited with status 255: ssh: connect to host dmz-gw port 22: Connection refused")
        var status = await agent.currentStatus
        #expect(status.state == .down && status.starts == 1 && status.failures == 1)
        #expect(status.lastFailure == first.message && status.lastFailureAt == clock.now)
        #expect(status.retryAt == clock.now.addingTimeInterval(1))
        // Before the back-off has passed: no new start, still unknown, never probed from here.
        clock.advance(0.5)
        let second = try #require(await agent.probe(target, settings: quick).first)
        #expect(second.state == .unknown)
        #expect(second.message?.hasSuffix("next start in 1 s") == true)
        #expect(await agent.currentStatus.starts == 1)
        // After it: started again, failed again, and the next wait is doubled.
        clock.advance(0.6)
        _ = await agent.probe(target, settings: quick)
        status = await agent.currentStatus
        #expect(status.starts == 2 && status.state == .down && status.failures == 2)
        #expect(status.retryAt == clock.now.addingTimeInterval(2))
        #expect(status.summary(now: clock.now).hasSuffix("(restart in 2 s)"))
    }

    @Test func aCommandThatDoesNotExistIsDownWithTheReason() async throws {
        let agent = AgentController(point: point(["portolan-no-such-command", "agent"]))
        let target = [(target: ProbeTarget(host: .address(IPAddress("127.0.0.1")!), port: PortNumber(9)!, transport: .tcp), arrow: ArrowRef?.none)]
        let outcome = try #require(await agent.probe(target, settings: quick).first)
        #expect(outcome.state == .unknown)
        #expect(outcome.message == "cannot start 'portolan-no-such-command': command not found in PATH")
        // A folder of its own that surely is not there (a shared /nonexistent may be created by other runs).
        let missing = "/nonexistent-\(UUID().uuidString)/portolan"
        let absolute = AgentController(point: point([missing, "agent"]))
        #expect(await absolute.probe(target, settings: quick).first?.message == "cannot start '\(missing)': no such file")
        #expect(await agent.currentStatus.state == .down)
    }

    @Test func aCommandThatNeverSaysHelloIsDownWithWhatItWrote() async throws {
        // `cat` echoes the requests: a running program, but not a portolan agent.
        let agent = AgentController(point: point(["cat"]), startAllowance: .milliseconds(300), margin: .seconds(120))
        let target = [(target: ProbeTarget(host: .address(IPAddress("127.0.0.1")!), port: PortNumber(9)!, transport: .udp), arrow: ArrowRef?.none)]
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try #require(await agent.probe(target, settings: quick).first)
        // The batch's limit is over 120 s; a loaded machine may delay the deadline by seconds, never by a minute.
        #expect(clock.now - start < .seconds(60), "judged at the hello deadline, not at the batch's limit")
        #expect(outcome.state == .unknown)
        #expect(outcome.message?.hasPrefix("no hello from a portolan agent within 0.3 s; it wrote: {") == true, "\(outcome.message ?? "")")
        #expect(await agent.currentStatus.state == .down)
    }

    @Test func anAgentThatSaysHelloButNeverAnswersIsStoppedAtItsTimeLimit() async throws {
        let agent = AgentController(
            point: point(["sh", "-c", #"echo '{"agent":"portolan","protocol":1,"pid":1}'; exec sleep 30"#]),
            startAllowance: .seconds(1), margin: .milliseconds(200))
        let target = [(target: ProbeTarget(host: .address(IPAddress("127.0.0.1")!), port: PortNumber(9)!, transport: .udp), arrow: ArrowRef?.none)]
        let outcome = try #require(await agent.probe(target, settings: quick).first)
        #expect(outcome.state == .unknown)
        #expect(outcome.message == "no answer to 1 of 1 probes within 1.5 s; stopped it", "\(outcome.message ?? "")")
        let status = await agent.currentStatus
        #expect(status.state == .down && status.failures == 1)
    }

    @Test func anAgentOfAnotherProtocolIsRefused() async throws {
        let agent = AgentController(point: point(["sh", "-c", #"echo '{"agent":"portolan","protocol":99,"pid":1}'; exec cat >/dev/null"#]))
        let target = [(target: ProbeTarget(host: .address(IPAddress("127.0.0.1")!), port: PortNumber(9)!, transport: .tcp), arrow: ArrowRef?.none)]
        let outcome = try #require(await agent.probe(target, settings: quick).first)
        #expect(outcome.state == .unknown)
        #expect(outcome.message?.contains("speaks protocol 99") == true)
    }

    @Test func backOffDoublesUpToItsMaximum() {
        let backoff = AgentController.Backoff(base: .seconds(1), maximum: .seconds(30))
        #expect((1...7).map { backoff.delay(after: $0) } == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
    }
}
