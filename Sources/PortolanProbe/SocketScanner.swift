import CPortolanNet
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PortolanCore

/// One address, port and transport to scan.
public struct ScanTarget: Sendable, Hashable {
    public var address: IPAddress
    public var port: PortNumber
    public var transport: Transport

    public init(address: IPAddress, port: PortNumber, transport: Transport) {
        self.address = address
        self.port = port
        self.transport = transport
    }
}

/// How the scanner paces itself.
public struct ScanOptions: Sendable, Hashable {
    /// The longest an attempt waits, and the first attempts' wait.
    public var timeoutCeiling: Duration
    /// The shortest an attempt waits, however fast the round trips.
    public var timeoutFloor: Duration
    /// Extra attempts after silence.
    public var retries: Int
    /// The most probes in flight, before the file-descriptor clamp.
    public var concurrency: Int
    /// Spacing of UDP probes to one (non-loopback) host.
    public var udpHostInterval: Duration
    /// Event loops (threads) for large scans; by default one per core, at most two.
    public var loops: Int = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
    /// The descriptors the scan may hold at once; `nil` raises the soft limit to the hard limit and
    /// leaves out the descriptors open now and a reserve (`FileLimit.window`).
    public var descriptorBudget: Int?

    public init(
        timeoutCeiling: Duration = .seconds(1), timeoutFloor: Duration = .milliseconds(100), retries: Int = 1,
        concurrency: Int = 4096, udpHostInterval: Duration = .milliseconds(20), descriptorBudget: Int? = nil
    ) {
        self.timeoutCeiling = timeoutCeiling
        self.timeoutFloor = timeoutFloor
        self.retries = retries
        self.concurrency = concurrency
        self.udpHostInterval = udpHostInterval
        self.descriptorBudget = descriptorBudget
    }

    /// The options a topology's probe settings ask for.
    public init(_ settings: ProbeSettings) {
        self.init(
            timeoutCeiling: .milliseconds(settings.timeoutMilliseconds),
            timeoutFloor: .milliseconds(settings.minimumTimeoutMilliseconds), retries: settings.retries,
            concurrency: settings.concurrency, udpHostInterval: .milliseconds(settings.udpHostIntervalMilliseconds))
    }
}

/// What a scan did, for tests and the benchmark.
public struct ScanStatistics: Sendable, Hashable {
    /// The window after the file-descriptor clamp.
    public var window = 0
    /// Event loops the scan ran on.
    public var loops = 1
    public var peakInFlight = 0
    /// Attempts started (connects and UDP sends), retries included.
    public var attempts = 0
    /// Sockets opened: a TCP socket serves one attempt after another (`ScanRun.recycle`).
    public var sockets = 0
    public var estimator: RoundTripEstimator
}

/// TCP connect and UDP probes on raw non-blocking sockets and one epoll instance.
///
/// A window of probes is in flight at once, clamped to the file-descriptor limit. A UDP attempt has its
/// own socket; a TCP socket is dissolved after each attempt (a reset if it connected) and connects to
/// the next target, so a scan opens about one TCP socket per slot of its window. Attempts time out after the round-trip-adaptive
/// timeout current when they are checked (so early attempts benefit from later measurements), and
/// silent ones are retried before new targets start.
public final class SocketScanner {
    public let options: ScanOptions
    let clock: any ProbeClock
    public private(set) var statistics: ScanStatistics

    public init(options: ScanOptions = ScanOptions(), clock: any ProbeClock = MonotonicClock()) {
        self.options = options
        self.clock = clock
        self.statistics = ScanStatistics(estimator: RoundTripEstimator(floor: options.timeoutFloor, ceiling: options.timeoutCeiling))
    }

    /// Scans every target once (with retries) and returns one outcome per target, in order.
    public func scan(_ targets: [ScanTarget]) -> [ProbeOutcome] {
        let window: Int
        let openNow = FileLimit.openDescriptors()
        if let budget = options.descriptorBudget {
            window = max(1, min(options.concurrency, budget))
        } else {
            window = FileLimit.window(requested: options.concurrency, limit: FileLimit.raise(), openNow: openNow)
        }
        FileLimit.growTable(upTo: openNow + min(window, targets.count) + FileLimit.reserve)
        // Large scans are shared by event loops on threads of their own (interleaved, so each sees the
        // same mix); threads inherit the caller's network namespace.
        let loops = max(1, min(options.loops, targets.count / Self.targetsPerExtraLoop + 1, window))
        var runs = (0..<loops).map { loop in
            var run = ScanRun(
                targets: stride(from: loop, to: targets.count, by: loops).map { targets[$0] }, options: options, clock: clock,
                estimator: statistics.estimator)
            run.window = max(1, window / loops)
            return run
        }
        if loops == 1 {
            runs[0].execute()
        } else {
            let finished = RunBox(runs)
            let group = DispatchGroup()
            for loop in 1..<loops {
                group.enter()
                let thread = Thread {
                    finished.execute(loop)
                    group.leave()
                }
                thread.start()
            }
            finished.execute(0)
            group.wait()
            runs = finished.runs
        }
        statistics.loops = loops
        statistics.window = runs.map(\.window).reduce(0, +)
        statistics.peakInFlight = runs.map(\.peakInFlight).reduce(0, +)
        statistics.attempts = runs.map(\.attempts).reduce(0, +)
        statistics.sockets = runs.map(\.sockets).reduce(0, +)
        statistics.estimator = runs.max { $0.estimator.samples < $1.estimator.samples }?.estimator ?? statistics.estimator
        var outcomes: [ProbeOutcome] = []
        outcomes.reserveCapacity(targets.count)
        for index in targets.indices {
            let outcome = runs[index % loops].outcome(index / loops)
            outcomes.append(outcome ?? ProbeOutcome(address: targets[index].address, state: .error, reason: .systemError, message: "not probed"))
        }
        return outcomes
    }

    /// A scan gets one more event loop per this many targets, up to `ScanOptions.loops`.
    static let targetsPerExtraLoop = 4096
}

/// Scan runs shared with the threads that execute them; each thread touches only its own run, through
/// raw storage (an array property would be one variable for the exclusivity checker).
final class RunBox: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<ScanRun>

    init(_ runs: [ScanRun]) {
        storage = .allocate(capacity: runs.count)
        _ = storage.initialize(from: runs)
    }

    func execute(_ index: Int) { storage[index].execute() }

    var runs: [ScanRun] { Array(storage) }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
}
