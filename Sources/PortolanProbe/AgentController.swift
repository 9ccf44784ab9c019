import Foundation
import PortolanCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Controls the `portolan agent` of one vantage point of a topology, started from the topology's argument vector
/// without a shell, fed probe requests and read for results.
///
/// An agent that exits, fails to start, speaks another protocol or stops answering is marked down; its
/// probes come back `unknown` (reason `vantage-down`), never probed from here instead. It is started
/// again on a later round, after a back-off that doubles with each failure in a row (1, 2, 4 … 30 s).
public actor AgentController {
    public nonisolated let point: VantagePoint
    private let backoff: Backoff
    private let now: @Sendable () -> Date
    /// How long a new agent may take to start (an ssh login, say) on top of a batch's own time.
    private let startAllowance: Duration
    /// Added to every batch's own time limit (pipes, scheduling, a slow link to the agent).
    private let margin: Duration

    private var child: ChildProcess?
    private var generation = 0
    private var status: VantageStatus
    private var failuresInARow = 0
    private var sawHello = false
    /// The first line of output that was not a hello, for the message when none comes.
    private var foreignLine: String?
    private var batch: Batch?
    private var batchCounter = 0
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []
    /// Set while `shutdown` ends the agent on purpose: its exit is then no failure.
    private var stopping = false

    /// The waits between restarts: `base` doubled per failure in a row, at most `maximum`.
    public struct Backoff: Sendable {
        public var base: Duration
        public var maximum: Duration

        public init(base: Duration = .seconds(1), maximum: Duration = .seconds(30)) {
            self.base = base
            self.maximum = maximum
        }

        /// The wait after the `failures`-th failure in a row (1 for the first).
        public func delay(after failures: Int) -> Duration {
            var delay = base
            for _ in 1..<max(1, failures) where delay < maximum { delay *= 2 }
            return min(delay, maximum)
        }
    }

    private struct Batch {
        var id: Int
        var expected: Set<String>
        var outcomes: [String: ProbeOutcome] = [:]
        var failure: String?
        var continuation: CheckedContinuation<Void, Never>?
    }

    public init(
        point: VantagePoint, backoff: Backoff = Backoff(), startAllowance: Duration = .seconds(10), margin: Duration = .seconds(5),
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.point = point
        self.backoff = backoff
        self.startAllowance = startAllowance
        self.margin = margin
        self.now = now
        status = VantageStatus(name: point.name, command: point.command)
    }

    /// The agent's state now.
    public var currentStatus: VantageStatus { status }

    /// Probes `targets` through the agent; one outcome per target, in order. Targets the agent does not
    /// answer (it is down, exits, or takes longer than the settings allow) are `unknown`.
    public func probe(_ targets: [(target: ProbeTarget, arrow: ArrowRef?)], settings: ProbeSettings) async -> [ProbeOutcome] {
        guard !targets.isEmpty else { return [] }
        if child == nil {
            if let retryAt = status.retryAt, now() < retryAt {
                let wait = Int(retryAt.timeIntervalSince(now()).rounded(.up))
                return Array(repeating: down("\(status.message ?? "not started"); next start in \(wait) s"), count: targets.count)
            }
            do {
                try start()
            } catch {
                fail("\(error)")
                return Array(repeating: down("\(error)"), count: targets.count)
            }
        }
        // A new agent, or one that has not said hello yet, may still be starting (an ssh login, say).
        let allowance = sawHello ? Duration.zero : startAllowance
        batchCounter += 1
        let id = batchCounter
        let ids = targets.indices.map { "\(id).\($0)" }
        var text = ""
        for (index, item) in targets.enumerated() {
            text += (try? ProbeJSONEncoding.string(ProbeRequestJSON(id: ids[index], target: item.target, arrow: item.arrow, settings: settings), lines: true)) ?? ""
        }
        batch = Batch(id: id, expected: Set(ids))
        let generationNow = generation
        // A failed write means the agent has gone: its exit event, on its way, ends the batch below.
        _ = child?.send(text)
        let limit = allowance + margin + Self.timeLimit(targets.map(\.target), settings)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForBatch(id) }
            group.addTask {
                do {
                    try await Task.sleep(for: limit)
                    await self.expire(id, generation: generationNow, after: limit)
                } catch {}  // cancelled: the batch finished first
            }
            await group.next()
            group.cancelAll()
        }
        let finished = batch
        batch = nil
        let reason = finished?.failure ?? "no answer"
        let outcomes = ids.map { finished?.outcomes[$0] ?? down(reason) }
        if finished?.failure == nil, finished?.outcomes.count == ids.count { failuresInARow = 0 }
        return outcomes
    }

    /// Ends the agent: closes its input, then signals it if it lingers. Returns once it has been reaped.
    public func shutdown(grace: Duration = .seconds(2)) async {
        guard let child else { return }
        stopping = true
        defer { stopping = false }
        child.closeInput()
        let generationNow = generation
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForExit() }
            group.addTask {
                do {
                    try await Task.sleep(for: grace)
                    await self.signal(SIGTERM, generation: generationNow)
                    try await Task.sleep(for: grace)
                    await self.signal(SIGKILL, generation: generationNow)
                } catch {}
            }
            await group.next()
            group.cancelAll()
        }
        status.state = .idle
        status.since = now()
        status.retryAt = nil
    }

    /// The longest a batch may take at the agent: every wave of attempts, UDP spacing per host, TLS handshakes.
    static func timeLimit(_ targets: [ProbeTarget], _ settings: ProbeSettings) -> Duration {
        let waves = (targets.count + max(1, settings.concurrency) - 1) / max(1, settings.concurrency)
        let attempts = Duration.milliseconds(settings.timeoutMilliseconds * (settings.retries + 1) * max(1, waves))
        var udpPerHost: [TargetHost: Int] = [:]
        for target in targets where target.transport == .udp { udpPerHost[target.host, default: 0] += 1 }
        let spacing = Duration.milliseconds(settings.udpHostIntervalMilliseconds * (settings.retries + 1) * (udpPerHost.values.max() ?? 0))
        let tlsChecks = targets.filter { $0.tls == .yes || $0.tls == .no }.count
        let tls = Duration.milliseconds(max(2000, settings.timeoutMilliseconds) * ((tlsChecks + 31) / 32))
        return attempts + spacing + (tlsChecks > 0 ? tls : .zero)
    }

    // MARK: - The agent process

    private func start() throws {
        generation += 1
        let generationNow = generation
        let (events, continuation) = AsyncStream.makeStream(of: ChildEvent.self)
        let process = try ChildProcess(
            point.command, onLine: { continuation.yield(.line($0)) },
            onExit: { exit in
                continuation.yield(.exit(exit))
                continuation.finish()
            })
        child = process
        sawHello = false
        foreignLine = nil
        status.state = .starting
        status.since = now()
        status.starts += 1
        status.retryAt = nil
        Task { [weak self] in
            for await event in events {
                guard let self else { return }
                await self.handle(event, generation: generationNow)
            }
        }
        let allowance = startAllowance
        Task { [weak self] in
            try? await Task.sleep(for: allowance)
            await self?.helloDeadline(generation: generationNow, after: allowance)
        }
    }

    /// A started command that has not said hello within the start allowance is not a portolan agent
    /// (or not one that works): down, with what it wrote instead.
    private func helloDeadline(generation expected: Int, after allowance: Duration) {
        guard generation == expected, child != nil, !sawHello else { return }
        var message = "no hello from a portolan agent within \(Self.seconds(allowance))"
        if let foreignLine { message += "; it wrote: \(foreignLine.prefix(120))" }
        if let line = child?.lastErrorLine { message += "; its last error line: \(line.prefix(120))" }
        fail(message)
    }

    /// `0.5 s`, `10 s`.
    static func seconds(_ duration: Duration) -> String {
        let seconds = duration.milliseconds / 1000
        return seconds < 10 && seconds != seconds.rounded() ? String(format: "%.1f s", seconds) : "\(Int(seconds.rounded())) s"
    }

    private enum ChildEvent: Sendable {
        case line(String)
        case exit(ChildProcess.Exit)
    }

    private func handle(_ event: ChildEvent, generation eventGeneration: Int) {
        guard eventGeneration == generation else { return }
        switch event {
        case let .line(line): received(line)
        case let .exit(exit):
            let detail = child?.lastErrorLine.map { "\(exit): \($0)" } ?? "\(exit)"
            child = nil
            if !stopping {
                fail("agent \(detail)")
            } else if batch != nil {
                batch?.failure = "stopped"
                finishBatch()
            }
            for waiter in exitWaiters { waiter.resume() }
            exitWaiters = []
        }
    }

    private func received(_ line: String) {
        let data = Data(line.utf8)
        if !sawHello {
            guard let hello = try? JSONDecoder().decode(AgentHelloJSON.self, from: data), hello.agent == "portolan" else {
                // A login banner, say: not ours; kept for the message if no hello ever comes.
                if foreignLine == nil, !line.trimmingCharacters(in: .whitespaces).isEmpty { foreignLine = line }
                return
            }
            guard hello.protocol == AgentProtocol.version else {
                fail("the agent speaks protocol \(hello.protocol), this portolan speaks \(AgentProtocol.version); install the same version there")
                return
            }
            sawHello = true
            status.state = .up
            status.since = now()
            status.message = nil
            return
        }
        if let result = try? JSONDecoder().decode(ProbeResultJSON.self, from: data), let id = result.id {
            let outcome = (try? ProbeOutcome(result))
                ?? ProbeOutcome(address: nil, state: .error, reason: .systemError, message: "the agent sent a result that does not parse")
            record(id, outcome)
        } else if let error = try? JSONDecoder().decode(AgentErrorJSON.self, from: data), let id = error.id {
            record(id, ProbeOutcome(address: nil, state: .error, reason: .systemError, message: "the agent: \(error.error)"))
        }
    }

    private func record(_ id: String, _ outcome: ProbeOutcome) {
        guard var current = batch, current.expected.contains(id) else { return }
        current.outcomes[id] = outcome
        batch = current
        if current.outcomes.count == current.expected.count { finishBatch() }
    }

    private func finishBatch() {
        batch?.continuation?.resume()
        batch?.continuation = nil
    }

    private func waitForBatch(_ id: Int) async {
        await withCheckedContinuation { continuation in
            guard let current = batch, current.id == id, current.failure == nil, current.outcomes.count < current.expected.count else {
                return continuation.resume()
            }
            batch?.continuation = continuation
        }
    }

    private func waitForExit() async {
        await withCheckedContinuation { continuation in
            if child == nil { return continuation.resume() }
            exitWaiters.append(continuation)
        }
    }

    private func expire(_ id: Int, generation expected: Int, after limit: Duration) {
        // A batch whose last answer came in while this timer was on its way is complete, not late.
        guard let current = batch, current.id == id, generation == expected, current.outcomes.count < current.expected.count else { return }
        let missing = current.expected.count - current.outcomes.count
        fail("no answer to \(missing) of \(current.expected.count) probes within \(Self.seconds(limit)); stopped it")
    }

    private func signal(_ number: Int32, generation expected: Int) {
        guard generation == expected else { return }
        child?.kill(number)
    }

    /// Marks the agent down with `message` and schedules the next start; ends a waiting batch. A process
    /// still running is killed and forgotten (its own reader thread reaps it; its events are ignored).
    private func fail(_ message: String) {
        if let child {
            child.closeInput()
            child.kill(SIGKILL)
            self.child = nil
            generation += 1
            for waiter in exitWaiters { waiter.resume() }
            exitWaiters = []
        }
        failuresInARow += 1
        let wait = backoff.delay(after: failuresInARow)
        status.state = .down
        status.since = now()
        status.message = message
        status.failures += 1
        status.lastFailure = message
        status.lastFailureAt = status.since
        status.retryAt = now().addingTimeInterval(wait.milliseconds / 1000)
        if batch != nil {
            batch?.failure = message
            finishBatch()
        }
    }

    private func down(_ message: String) -> ProbeOutcome {
        ProbeOutcome(address: nil, state: .unknown, reason: .vantageDown, message: message)
    }
}
