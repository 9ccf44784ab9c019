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

    /// `timeout` in nanoseconds.
    public var timeoutNanoseconds: UInt64 {
        let (seconds, attoseconds) = timeout.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
