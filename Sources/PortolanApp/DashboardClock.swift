import Foundation
import Synchronization

/// Where the dashboard's loop reads the time: when a probe round is due, the time stamped on a round,
/// the "now" of a frame. Tests use a `ManualClock` and move it by hand instead of sleeping.
public protocol DashboardClock: Sendable {
    var now: Date { get }
}

/// The system's wall clock.
public struct WallClock: DashboardClock {
    public init() {}

    public var now: Date { Date() }
}

/// A clock that moves only when told to.
public final class ManualClock: DashboardClock {
    private let time: Mutex<Date>

    public init(_ start: Date) { time = Mutex(start) }

    public var now: Date { time.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
