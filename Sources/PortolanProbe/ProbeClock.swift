#if canImport(Glibc)
import Glibc
#endif

/// A monotonic clock in nanoseconds, injected so that tests of timeouts need no sleeping.
public protocol ProbeClock: Sendable {
    /// Nanoseconds since an arbitrary fixed point; never goes back.
    func now() -> UInt64
}

/// `CLOCK_MONOTONIC`.
public struct MonotonicClock: ProbeClock {
    public init() {}

    public func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
