import CPortolanNet
#if canImport(Glibc)
import Glibc
#endif
import PortolanCore

/// The state of one scan: what is queued, in flight, and done.
struct ScanRun {
    struct Slot {
        var target: Int
        var started: UInt64
        var serial: Int
    }

    let targets: [ScanTarget]
    let options: ScanOptions
    let clock: any ProbeClock
    var estimator: RoundTripEstimator
    var window = 1
    /// What each target came to, 16 bytes apiece; outcomes are built once, at the end.
    var findings: [Finding]
    /// Messages of the few targets that ended in `error`.
    var messages: [Int: String] = [:]
    var tries: [UInt8]
    var pending: [Int]
    var pendingHead = 0
    var retryQueue: [Int] = []
    var retryHead = 0
    var paced = PacingQueue()
    var nextUDPSend: [IPAddress: UInt64] = [:]
    var slots: [Slot?] = []
    /// Attempts in the order they started, TCP and UDP apart: within one queue every attempt waits the
    /// same timeout, so the oldest expires first (TCP connects may wait less: `RoundTripEstimator.connectTimeout`).
    var orders = [InFlightOrder(transport: .tcp), InFlightOrder(transport: .udp)]
    var inFlight = 0
    var peakInFlight = 0
    var attempts = 0
    /// Connects answered with a completed handshake, for sampling every `kernelSampleInterval`th.
    var established = 0
    /// Sockets opened: fewer than attempts, since a TCP socket is reused (`recycle`).
    var sockets = 0
    /// Connected-and-dissolved TCP sockets ready for the next connect, IPv4 and IPv6 apart; each stays
    /// in the epoll set (edge-triggered) for its whole life.
    var idleTCP: [[Int32]] = [[], []]
    /// This host's addresses, read when the first connection to a non-loopback address opens.
    var localAddresses: LocalAddresses?
    var serial = 0
    var epoll: Int32 = -1

    init(targets: [ScanTarget], options: ScanOptions, clock: any ProbeClock, estimator: RoundTripEstimator) {
        self.targets = targets
        self.options = options
        self.clock = clock
        self.estimator = estimator
        findings = Array(repeating: Finding(), count: targets.count)
        tries = Array(repeating: 0, count: targets.count)
        pending = Array(targets.indices)
    }

    /// Creates the epoll instance; on failure every target ends as an error.
    mutating func open() -> Bool {
        epoll = cpn_epoll_create()
        guard epoll < 0 else { return true }
        let message = SocketCalls.message(errno)
        for index in targets.indices { finish(index, .error, .systemError, message: "epoll: \(message)") }
        return false
    }

    /// Closes whatever is still in flight, the idle sockets and the epoll instance.
    mutating func shutdown() {
        for (fd, slot) in slots.enumerated() where slot != nil { release(Int32(fd)) }
        for fd in idleTCP.joined() { discard(fd) }
        idleTCP = [[], []]
        if epoll >= 0 { close(epoll) }
        epoll = -1
    }

    mutating func execute() {
        guard open() else { return }
        defer { shutdown() }
        var readyFDs = [Int32](repeating: -1, count: 256)
        var readyEvents = [UInt32](repeating: 0, count: 256)
        while inFlight > 0 || hasQueued {
            launch()
            var wait = waitMilliseconds()
            // Every answer the kernel holds is taken before anything expires: a full batch means there may
            // be more, and an attempt whose answer waits in the queue must not be called silent (on a busy
            // machine the loop can fall behind by more than the timeout floor).
            while true {
                let count = readyFDs.withUnsafeMutableBufferPointer { fds in
                    readyEvents.withUnsafeMutableBufferPointer { events in
                        cpn_epoll_wait(epoll, fds.baseAddress, events.baseAddress, Int32(fds.count), wait)
                    }
                }
                guard count > 0 else { break }
                for index in 0..<Int(count) { answer(fd: readyFDs[index], events: readyEvents[index]) }
                guard Int(count) == readyFDs.count else { break }
                wait = 0
            }
            expire()
        }
    }

    var hasQueued: Bool { pendingHead < pending.count || retryHead < retryQueue.count || !paced.isEmpty }

    /// Starts attempts until the window is full or nothing is ready.
    mutating func launch() {
        let now = clock.now()
        while inFlight < window {
            var index: Int
            var wasPaced = false
            if let ready = paced.popReady(now: now) {
                index = ready
                wasPaced = true
            } else if retryHead < retryQueue.count {
                index = retryQueue[retryHead]
                retryHead += 1
            } else if pendingHead < pending.count {
                index = pending[pendingHead]
                pendingHead += 1
            } else {
                return
            }
            let target = targets[index]
            if target.transport == .udp, !wasPaced, !target.address.isLoopback, options.udpHostInterval > .zero {
                let interval = options.udpHostInterval.wholeNanoseconds
                let allowed = nextUDPSend[target.address] ?? 0
                if allowed > now {
                    nextUDPSend[target.address] = allowed + interval
                    paced.push(index, at: allowed)
                    continue
                }
                nextUDPSend[target.address] = max(allowed, now) + interval
            }
            if !start(index, now: clock.now()) { return }
        }
    }

    /// Opens a socket for `index` (or takes an idle TCP one) and starts the attempt; false when out of
    /// descriptors (the target is requeued).
    mutating func start(_ index: Int, now: UInt64) -> Bool {
        let target = targets[index]
        let address = RawSocketAddress(target.address, port: target.port.rawValue)
        let tcp = target.transport == .tcp
        let family = Self.family(target.address)
        let fd: Int32
        if tcp, let idle = idleTCP[family].popLast() {
            fd = idle
        } else {
            fd = socket(address.family, tcp ? SocketType.stream : SocketType.datagram, 0)
            if fd < 0 {
                let code = errno
                if code == EMFILE || code == ENFILE {
                    retryQueue.append(index)
                    window = max(1, inFlight)
                    return false
                }
                finish(index, .error, .systemError, message: SocketCalls.message(code))
                return true
            }
            sockets += 1
            // A TCP socket joins the epoll set once, edge-triggered: an event is a change of the
            // connection's state, and what it reports is the state of the connect in progress now.
            if tcp, cpn_epoll_add(epoll, fd, cpn_epoll_out | cpn_epoll_err | cpn_epoll_hup | cpn_epoll_et) != 0 {
                finish(index, .error, .systemError, message: "epoll_ctl: \(SocketCalls.message(errno))")
                close(fd)
                return true
            }
        }
        attempts += 1
        tries[index] += 1
        let connected = address.withPointer { connect(fd, $0, $1) } == 0
        let code = connected ? 0 : errno
        if tcp {
            if connected {
                classifyTCP(index, fd: fd, error: 0, latency: 0)
                recycle(fd, family: family, errorRead: false)
                return true
            }
            guard code == EINPROGRESS else {
                classifyTCP(index, fd: fd, error: code, latency: nil)
                recycle(fd, family: family, errorRead: true)
                return true
            }
        } else {
            guard connected, send(fd, "", 0, Int32(MSG_NOSIGNAL)) >= 0 else {
                classifyUDP(index, error: errno, latency: nil)
                close(fd)
                return true
            }
            guard cpn_epoll_add(epoll, fd, cpn_epoll_in | cpn_epoll_err | cpn_epoll_hup) == 0 else {
                finish(index, .error, .systemError, message: "epoll_ctl: \(SocketCalls.message(errno))")
                close(fd)
                return true
            }
        }
        serial += 1
        while slots.count <= Int(fd) { slots.append(nil) }
        slots[Int(fd)] = Slot(target: index, started: now, serial: serial)
        orders[target.transport == .tcp ? 0 : 1].entries.append((fd, serial))
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
        return true
    }

    /// Handles readiness of `fd`: a TCP connect finished, or a UDP reply or ICMP error arrived.
    mutating func answer(fd: Int32, events: UInt32 = cpn_epoll_out) {
        guard Int(fd) < slots.count, let slot = slots[Int(fd)] else { return }
        let latency = clock.now() &- slot.started
        if targets[slot.target].transport == .tcp {
            if events & (cpn_epoll_err | cpn_epoll_hup) != 0 {
                let error = SocketCalls.pendingError(fd)
                // A hang-up with no error is a socket in CLOSE that nothing failed: the dissolved
                // connection of the attempt before (`recycle`), not an answer to this one.
                guard error != 0 || events & cpn_epoll_hup == 0 else { return }
                classifyTCP(slot.target, fd: fd, error: error, latency: latency)
                release(fd, errorRead: true)
            } else if events & cpn_epoll_out != 0 {
                // TCP reports writable only once connected (never in SYN-SENT): no SO_ERROR needed.
                classifyTCP(slot.target, fd: fd, error: 0, latency: latency)
                release(fd)
            }
            // Otherwise spurious: keep waiting.
        } else {
            var buffer = [UInt8](repeating: 0, count: 2048)
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            let code = received >= 0 ? 0 : errno
            if code == EAGAIN || code == EWOULDBLOCK { return }
            classifyUDP(slot.target, error: code, latency: latency)
            release(fd)
        }
    }

    /// Times out attempts older than the current adaptive timeout: retried, or filtered / open|filtered.
    mutating func expire() {
        let now = clock.now()
        for queue in orders.indices {
            let timeout = timeoutNanoseconds(orders[queue].transport)
            while let entry = orders[queue].oldest {
                let (fd, serial) = entry
                guard let slot = slots[Int(fd)], slot.serial == serial else {
                    orders[queue].dropOldest()
                    continue
                }
                guard now >= slot.started + timeout else { break }
                orders[queue].dropOldest()
                release(fd)
                if Int(tries[slot.target]) <= options.retries {
                    retryQueue.append(slot.target)
                } else if targets[slot.target].transport == .tcp {
                    finish(slot.target, .filtered, .timeout)
                } else {
                    finish(slot.target, .openFiltered, .noResponse)
                }
            }
        }
    }

    /// How long an attempt over `transport` waits now.
    func timeoutNanoseconds(_ transport: Transport) -> UInt64 {
        transport == .tcp ? estimator.connectTimeoutNanoseconds : estimator.timeoutNanoseconds
    }

    /// Milliseconds until the oldest attempt times out or a paced probe is due; 0 if something can start now.
    func waitMilliseconds() -> Int32 {
        let now = clock.now()
        if inFlight < window, pendingHead < pending.count || retryHead < retryQueue.count { return 0 }
        var wake = UInt64.max
        for order in orders {
            var index = order.head
            while index < order.entries.count {
                let (fd, serial) = order.entries[index]
                if let slot = slots[Int(fd)], slot.serial == serial {
                    wake = min(wake, slot.started + timeoutNanoseconds(order.transport))
                    break
                }
                index += 1
            }
        }
        if let due = paced.nextDue { wake = min(wake, due) }
        if wake == .max { return inFlight > 0 ? 1000 : 0 }
        if wake <= now { return 0 }
        return Int32(min(60_000, (wake - now + 999_999) / 1_000_000))
    }

    /// Ends the attempt on `fd`: a TCP socket is dissolved and kept for the next connect, a UDP one
    /// closed. `errorRead`: the socket's pending error was already taken (`SO_ERROR`).
    mutating func release(_ fd: Int32, errorRead: Bool = false) {
        let slot = slots[Int(fd)]
        slots[Int(fd)] = nil
        inFlight -= 1
        if let slot, targets[slot.target].transport == .tcp {
            recycle(fd, family: Self.family(targets[slot.target].address), errorRead: errorRead)
        } else {
            discard(fd)
        }
    }

    /// The index of `idleTCP` for an address: 0 for IPv4, 1 for IPv6.
    static func family(_ address: IPAddress) -> Int {
        if case .v4 = address { 0 } else { 1 }
    }

    /// Dissolves a TCP socket's connection (`connect` to `AF_UNSPEC`: a reset if it was established,
    /// nothing if the SYN went unanswered) and keeps the socket for the next target of its family; no
    /// socket is closed while the scan runs. The reset leaves `ECONNRESET` pending, taken here so the
    /// next connect starts clean. A socket that will not dissolve is closed.
    mutating func recycle(_ fd: Int32, family: Int, errorRead: Bool) {
        guard SocketCalls.disconnect(fd) else {
            SocketCalls.setLingerZero(fd)
            discard(fd)
            return
        }
        if !errorRead { _ = SocketCalls.pendingError(fd) }
        idleTCP[family].append(fd)
    }

    /// Leaves the epoll set, then closes. The order matters: a child process forked elsewhere in this
    /// process keeps the socket alive until it execs, and meanwhile the closed socket's events would
    /// arrive under a descriptor number already reused for the next probe (seen in tests: a closed port
    /// read as open).
    func discard(_ fd: Int32) {
        cpn_epoll_del(epoll, fd)
        close(fd)
    }

    /// Whether a connect to `address` can reach this host (where a TCP simultaneous open with itself
    /// is possible); the interface list is read once per run, when first needed.
    mutating func isLocal(_ address: IPAddress) -> Bool {
        if address.isLoopback { return true }
        let local = localAddresses ?? LocalAddresses.current()
        localAddresses = local
        return local.contains(address)
    }

    mutating func classifyTCP(_ index: Int, fd: Int32, error: Int32, latency: UInt64?) {
        let target = targets[index]
        let selfConnected = error == 0 && isLocal(target.address) && SocketCalls.isConnected(toItsOwnPort: fd, port: target.port.rawValue)
        let verdict = ProbeClassifier.tcp(error: error, selfConnected: selfConnected)
        var sample = latency
        if error == 0, latency != nil {
            // A completed handshake: the kernel timed it itself, from the SYN to the SYN-ACK. The
            // time until this loop read the answer adds the loop's own queue, which under load is most of
            // it (a window of 2,048 attempts on a busy core waits tens of milliseconds to be read) and
            // would stretch every timeout; answers that wait are read before anything expires anyway.
            established += 1
            sample = established % Self.kernelSampleInterval == 1 ? Self.kernelRoundTrip(fd) : nil
        }
        record(index, verdict, error: error, latency: latency, sample: sample)
    }

    /// One established connect in this many gives a round-trip sample (`TCP_INFO`, one `getsockopt`).
    static let kernelSampleInterval = 8

    /// The kernel's round trip of `fd`'s handshake in nanoseconds; `nil` if it cannot say.
    static func kernelRoundTrip(_ fd: Int32) -> UInt64? {
        let microseconds = cpn_tcp_round_trip_microseconds(fd)
        return microseconds > 0 ? UInt64(microseconds) * 1000 : nil
    }

    mutating func classifyUDP(_ index: Int, error: Int32, latency: UInt64?) {
        record(index, ProbeClassifier.udp(error: error), error: error, latency: latency, sample: latency)
    }

    /// Keeps a verdict; `sample` (nanoseconds, `nil`: none from this answer) goes to the round-trip estimate.
    mutating func record(_ index: Int, _ verdict: (PortState, ProbeReason), error: Int32, latency: UInt64?, sample: UInt64?) {
        let answered = verdict.0 != .error && verdict.1 != .adminProhibited
        if answered, let sample, sample > 0 { estimator.record(.nanoseconds(Int64(clamping: sample))) }
        let message = verdict.0 == .error ? SocketCalls.message(error) : nil
        finish(index, verdict.0, verdict.1, latency: latency, message: message)
    }

    mutating func finish(_ index: Int, _ state: PortState, _ reason: ProbeReason, latency: UInt64? = nil, message: String? = nil) {
        findings[index] = Finding(latency: latency.map { Int64(clamping: $0) } ?? -1, state: state, reason: reason, done: true)
        if let message { messages[index] = message }
    }

    /// The outcome of target `index`; `nil` while it is not finished.
    func outcome(_ index: Int) -> ProbeOutcome? {
        let finding = findings[index]
        guard finding.done else { return nil }
        return ProbeOutcome(
            address: targets[index].address, state: finding.state, reason: finding.reason,
            latency: finding.latency < 0 ? nil : .nanoseconds(finding.latency), message: messages[index])
    }

    /// A finished target, compactly.
    struct Finding {
        var latency: Int64 = -1
        var state: PortState = .error
        var reason: ProbeReason = .systemError
        var done = false
    }
}
