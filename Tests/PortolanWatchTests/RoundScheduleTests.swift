import PortolanWatch
import Testing

/// Rounds move to end just before steady scrapes, and keep their interval otherwise.
@Suite struct RoundScheduleTests {
    static func s(_ seconds: Double) -> Duration { .milliseconds(Int((seconds * 1000).rounded())) }

    @Test func withoutSteadyScrapesTheIntervalIsKept() {
        // Too few scrapes, or gaps that differ by more than a tenth.
        #expect(RoundSchedule.next(after: .zero, interval: .seconds(5), took: .milliseconds(50), scrapes: []) == .seconds(5))
        #expect(RoundSchedule.next(after: .zero, interval: .seconds(5), took: .milliseconds(50), scrapes: [Self.s(1), Self.s(6)]) == .seconds(5))
        #expect(RoundSchedule.next(after: .seconds(20), interval: .seconds(5), took: .milliseconds(50), scrapes: [Self.s(1), Self.s(6), Self.s(13)]) == .seconds(25))
        // Three fetches a second apart (someone with curl) with rounds every 40 s: no move.
        #expect(RoundSchedule.next(after: .seconds(20), interval: .seconds(40), took: .seconds(17), scrapes: [Self.s(38), Self.s(39), Self.s(40)]) == .seconds(60))
    }

    @Test func aRoundMovesToEndAMarginBeforeTheNextPredictedScrape() {
        // Scrapes every 5 s at x.3; a round started at 20.0 and took 0.5 s: the margin is 0.2 s.
        let scrapes = [Self.s(8.3), Self.s(13.3), Self.s(18.3)]
        #expect(RoundSchedule.margin(.milliseconds(500)) == .milliseconds(200))
        let next = RoundSchedule.next(after: .seconds(20), interval: .seconds(5), took: .milliseconds(500), scrapes: scrapes)
        // Predicted scrapes 23.3, 28.3: the first start no earlier than 22.5 that ends 0.2 s before one is 22.6.
        #expect(next == Self.s(22.6))
        // Aligned, it stays: the round started at 22.6 ends at 23.1, scraped at 23.3; the next starts 27.6.
        let steady = RoundSchedule.next(after: Self.s(22.6), interval: .seconds(5), took: .milliseconds(500), scrapes: scrapes + [Self.s(23.3)])
        #expect(steady == Self.s(27.6))
    }

    @Test func theMoveIsAtMostHalfAnIntervalEitherWay() {
        // Scrapes every 5 s at x.0 (jitter within a tenth: the median gap is the period), a round of 1 s: lead 1.3 s.
        let scrapes = [Self.s(5.0), Self.s(10.0), Self.s(14.9), Self.s(20.0)]
        // From 20.0 the next scrape is predicted at 25.0: the round starts at 23.7, within [22.5, 27.5].
        #expect(RoundSchedule.next(after: .seconds(20), interval: .seconds(5), took: .seconds(1), scrapes: scrapes) == Self.s(23.7))
        // Scrapes every 20 s, rounds every 5 s: no predicted scrape fits [22.5, 27.5] from 20.0, so 25.0.
        let slow = [Self.s(0.0), Self.s(20.0), Self.s(40.0)]
        #expect(RoundSchedule.next(after: .seconds(20), interval: .seconds(5), took: .seconds(1), scrapes: slow.map { $0 - .seconds(10) }) == .seconds(25))
    }
}
