/// Round-trip-adaptive timeouts, after RFC 6298: smoothed RTT + 4 × RTT variation, within a floor and a ceiling.
///
/// Before the first sample the timeout is the ceiling. Every answer (a SYN-ACK, a reset, a UDP reply,
/// an ICMP error) is a sample: each attempt uses a fresh socket, so a sample can never be confused with
/// an earlier attempt's answer (Karn's problem does not arise).
public struct RoundTripEstimator: Sendable, Hashable {
    public let floor: Duration
    public let ceiling: Duration
    /// The smoothed round trip, once there is a sample.
    public private(set) var smoothed: Duration?
    public private(set) var variation: Duration = .zero
    public private(set) var samples = 0

    /// - Parameters:
    ///   - floor: the shortest timeout, however fast the answers (clamped to at most `ceiling`).
    ///   - ceiling: the longest timeout, and the first one.
    public init(floor: Duration, ceiling: Duration) {
        self.floor = min(floor, ceiling)
        self.ceiling = ceiling
    }

    /// Takes one measured round trip.
    public mutating func record(_ sample: Duration) {
        samples += 1
        guard let smoothed else {
            self.smoothed = sample
            variation = sample / 2
            return
        }
        let difference = smoothed > sample ? smoothed - sample : sample - smoothed
        variation = variation * 3 / 4 + difference / 4
        self.smoothed = smoothed * 7 / 8 + sample / 8
    }

    /// How long an attempt started now may wait for an answer.
    public var timeout: Duration {
        guard let smoothed else { return ceiling }
        return min(ceiling, max(floor, smoothed + variation * 4))
    }

    /// How long a TCP connect started now may wait: `timeout`, or less once the round trips are known
    /// and far below the floor.
    ///
    /// The floor guards against a timeout shorter than an answer can take, while little is known. After
    /// `settledSamples` answers the estimate itself says how long answers take; a connect is answered by
    /// the peer's kernel (no application in the way), so the wait may drop to `settledMargin` times the
    /// RFC 6298 timeout, but never below `floor / 4` and never above `timeout`. On a LAN or a veth (round
    /// trips of tens of microseconds) that is a quarter of the floor: a dropped port, paid for once per
    /// attempt, costs 25 ms instead of 100 ms at the default floor. UDP keeps `timeout`: a service's
    /// reply can take longer than the kernel's ICMP answers that make most samples.
    public var connectTimeout: Duration {
        guard let smoothed, samples >= Self.settledSamples else { return timeout }
        let estimate = smoothed + variation * 4
        return min(timeout, max(floor / 4, estimate * Self.settledMargin))
    }

    /// Answers after which `connectTimeout` may go below the floor.
    public static let settledSamples = 32
    /// How many RFC 6298 timeouts a settled connect waits.
    public static let settledMargin = 8

    /// `timeout` in nanoseconds.
    public var timeoutNanoseconds: UInt64 { timeout.wholeNanoseconds }

    /// `connectTimeout` in nanoseconds.
    public var connectTimeoutNanoseconds: UInt64 { connectTimeout.wholeNanoseconds }
}
