import Synchronization

/// When the next round starts: one interval after this one, moved (once, by at most half an interval
/// either way) so that rounds end just before Prometheus scrapes, when it scrapes at a steady period.
///
/// A pull-based watcher shows a change at the first scrape after the first round that saw it. Rounds
/// at a random phase to the scrapes add up to one more interval to that; blackbox_exporter, probing at
/// scrape time, does not have it. Aligned, a round's news is scraped a margin after it ends.
///
/// Times are `Duration`s since any fixed origin, so the rule is a pure function (tests give numbers).
public enum RoundSchedule {
    /// The start of the round after the one that started at `start`; `took` is how long rounds take
    /// (the watcher gives the longest of the last five).
    ///
    /// - Parameters:
    ///   - scrapes: recent scrape times, oldest first. With fewer than three, gaps that differ by more
    ///     than a tenth from their median, or a period under half the interval, `start + interval` is kept.
    /// - Returns: `start + interval`, or the start within `[start + interval/2, start + 3·interval/2]`
    ///   that ends `margin(took)` before a predicted scrape (the earliest such).
    public static func next(after start: Duration, interval: Duration, took: Duration, scrapes: [Duration]) -> Duration {
        let plain = start + interval
        guard scrapes.count >= 3, let last = scrapes.last else { return plain }
        let gaps = zip(scrapes.dropFirst(), scrapes).map { $0 - $1 }.sorted()
        let period = gaps[gaps.count / 2]
        // Scrapes much more often than rounds (or a person fetching a few times in a row) need no
        // alignment: some scrape soon follows any round's end anyway.
        guard period * 2 >= interval, gaps.allSatisfy({ max($0 - period, period - $0) <= period / 10 }) else { return plain }
        let lead = took + margin(took)
        let earliest = start + interval / 2, latest = start + interval * 3 / 2
        // The first predicted scrape whose round would start no earlier than `earliest`.
        var scrape = last
        if scrape - lead < earliest {
            let behind = earliest - (scrape - lead)
            scrape += period * Int((behind / period).rounded(.up))
        }
        let aligned = scrape - lead
        return aligned <= latest ? aligned : plain
    }

    /// How long before the scrape a round should end: 100 ms plus a fifth of the round's length.
    public static func margin(_ took: Duration) -> Duration { .milliseconds(100) + took / 5 }
}

/// When `/metrics` was last fetched (the newest few), for `RoundSchedule`.
public final class ScrapeTimes: Sendable {
    private let times = Mutex<[ContinuousClock.Instant]>([])
    /// How many scrape times are kept.
    static let kept = 5

    public init() {}

    /// Notes a scrape now.
    public func record(_ time: ContinuousClock.Instant = ContinuousClock.now) {
        times.withLock { times in
            times.append(time)
            if times.count > Self.kept { times.removeFirst(times.count - Self.kept) }
        }
    }

    /// The kept scrape times as durations since `origin`, oldest first.
    public func since(_ origin: ContinuousClock.Instant) -> [Duration] {
        times.withLock { $0.map { $0 - origin } }
    }
}
