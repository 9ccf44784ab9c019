import Foundation

/// How a vantage point's agent is doing, for the table, the JSON report and the dashboard.
public struct VantageStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Not started yet (no arrow asked for it so far).
        case idle
        /// Started; its hello line has not arrived yet.
        case starting
        /// Answering.
        case up
        /// Exited, failed to start, or stopped answering; restarted after `retryAt`.
        case down
    }

    public var name: String
    /// The argument vector, as the topology gives it.
    public var command: [String]
    public var state: State
    /// When the state began.
    public var since: Date?
    /// Why it is down: the exit status and the last line it wrote to standard error, or the start failure.
    public var message: String?
    /// How many times it was started.
    public var starts: Int
    /// The earliest time of the next start, while down.
    public var retryAt: Date?
    /// How many times it went down so far: a death between two looks is still counted.
    public var failures: Int
    /// Why and when it last went down.
    public var lastFailure: String?
    public var lastFailureAt: Date?

    public init(
        name: String, command: [String], state: State = .idle, since: Date? = nil, message: String? = nil, starts: Int = 0,
        retryAt: Date? = nil, failures: Int = 0, lastFailure: String? = nil, lastFailureAt: Date? = nil
    ) {
        self.name = name
        self.command = command
        self.state = state
        self.since = since
        self.message = message
        self.starts = starts
        self.retryAt = retryAt
        self.failures = failures
        self.lastFailure = lastFailure
        self.lastFailureAt = lastFailureAt
    }

    /// One line for people: `dmz up`, `dmz down: agent exited with status 255: ssh: … (restart in 4 s)`.
    ///
    /// - Parameter now: the time to count the restart from; `nil` leaves the restart out (one-shot probes).
    public func summary(now: Date? = Date()) -> String {
        var text = "\(name) \(state.rawValue)"
        if state == .down {
            if let message { text += ": \(message)" }
            if let retryAt, let now {
                let seconds = max(0, Int(retryAt.timeIntervalSince(now).rounded(.up)))
                text += " (restart in \(seconds) s)"
            }
        }
        return text
    }
}

/// The JSON form of a vantage point's status, in `probe --json`'s `vantages` list.
public struct VantageStatusJSON: Codable, Sendable, Hashable {
    public var name: String
    public var command: [String]
    public var state: VantageStatus.State
    public var message: String?
    public var starts: Int
    public var failures: Int

    public init(_ status: VantageStatus) {
        name = status.name
        command = status.command
        state = status.state
        message = status.message
        starts = status.starts
        failures = status.failures
    }
}
