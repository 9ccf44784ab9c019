import Foundation
import PortolanCore

/// The live state of one arrow: its latest results, a short latency history and when it last changed.
public struct ArrowLive: Sendable, Hashable {
    public var results: [ProbeResult]
    public var health: LinkHealth
    public var changedAt: Date
    /// How often the health changed after the first round (the baseline is no change).
    public var changes = 0
    /// Latest first-host latencies in milliseconds, oldest first; at most `LiveState.historyLength`.
    public var latencies: [Double]
}

/// One line of the event log.
public struct LogEntry: Sendable, Hashable {
    public var time: Date
    public var text: String
    public var health: LinkHealth?
    /// The arrow whose state changed, for folding a flapping arrow's lines (`LogView`); nil for other lines.
    public var arrow: ArrowRef?

    public init(time: Date, text: String, health: LinkHealth? = nil, arrow: ArrowRef? = nil) {
        self.time = time
        self.text = text
        self.health = health
        self.arrow = arrow
    }
}

/// Everything the probes have said so far: per-arrow state, history, and the log of changes.
public struct LiveState: Sendable, Hashable {
    public static let historyLength = 24
    public static let logLength = 200
    /// How long after a change an arrow's label stays marked on the figure, counted in probe time
    /// (from the change to the latest round), so that the mark is pure and survives one or two rounds.
    public static let changeMarkSeconds: Double = 30

    public var topologyName: String?
    public var arrows: [ArrowRef: ArrowLive] = [:]
    public var round = 0
    public var lastRefresh: Date?
    public var log: [LogEntry] = []
    /// The topology's vantage points, as of the latest round.
    public var vantages: [VantageStatus] = []
    /// The latest audit's findings (`tui --audit`, the demo): the arrows table's "exposed" rows.
    public var exposures: [ExposureFinding] = []
    /// When the latest audit ended; nil before the first one.
    public var auditedAt: Date?

    public init(topologyName: String? = nil) { self.topologyName = topologyName }

    /// Takes one probe round's results; logs every arrow whose health changed.
    ///
    /// - Returns: one event per arrow whose state changed, or that was seen for the first time (`old` unknown).
    @discardableResult
    public mutating func ingest(_ results: [ProbeResult], at time: Date) -> [ArrowChangeEvent] {
        var events: [ArrowChangeEvent] = []
        round += 1
        lastRefresh = time
        var grouped: [ArrowRef: [ProbeResult]] = [:]
        for result in results {
            guard let arrow = result.arrow else { continue }
            grouped[arrow, default: []].append(result)
        }
        for arrow in grouped.keys.sorted(by: Self.order) {
            let found = grouped[arrow] ?? []
            let health = LinkHealth(worstOf: found)
            let latency = found.compactMap { $0.outcome.latency }.first?.milliseconds
            if var live = arrows[arrow] {
                if live.health != health {
                    if let deciding = Self.deciding(found), let event = ArrowChangeEvent(deciding, old: live.health, at: time) { events.append(event) }
                    log(at: time, "\(arrow.schema) \(arrow.label) \(arrow.from) → \(arrow.to): \(live.health.rawValue) → \(health.rawValue)", health, arrow: arrow)
                    live.changedAt = time
                    live.changes += 1
                }
                live.health = health
                live.results = found
                if let latency { live.latencies = Array((live.latencies + [latency]).suffix(Self.historyLength)) }
                arrows[arrow] = live
            } else {
                // The first round sets the baseline; only real problems are worth a line (UDP silence is normal).
                if health > .openFiltered {
                    log(at: time, "\(arrow.schema) \(arrow.label) \(arrow.from) → \(arrow.to): \(health.rawValue)", health, arrow: arrow)
                }
                arrows[arrow] = ArrowLive(results: found, health: health, changedAt: time, latencies: latency.map { [$0] } ?? [])
                if let deciding = Self.deciding(found), let event = ArrowChangeEvent(deciding, old: .unknown, at: time) { events.append(event) }
            }
        }
        return events
    }

    /// Takes the vantage points' states; logs every time one went down (counted by the agent, so a death
    /// and restart between two rounds is still logged, at the time it happened) and every time one came up.
    public mutating func ingest(_ statuses: [VantageStatus], at time: Date) {
        for status in statuses {
            let before = vantages.first { $0.name == status.name }
            let newFailure = status.failures > (before?.failures ?? 0)
            if newFailure {
                let when = status.lastFailureAt ?? time
                var text = "vantage \(status.name) down: \(status.lastFailure ?? "no reason given")"
                if status.state == .down, let retryAt = status.retryAt {
                    text += " (restart in \(max(0, Int(retryAt.timeIntervalSince(when).rounded(.up)))) s)"
                }
                log(at: when, text, .error)
            }
            if status.state == .up, before?.state != .up || newFailure {
                log(at: max(status.since ?? time, status.lastFailureAt ?? .distantPast), "vantage \(status.name) up" + (status.starts > 1 ? " (started \(status.starts) times)" : ""), .asDocumented)
            }
        }
        vantages = statuses
    }

    /// Where the latest results were probed from, for the status bar: the vantage points and their states,
    /// and how many arrows went from here instead of from their initiators.
    public var vantageSummary: String {
        let fromHere = arrows.values.filter { $0.results.contains { $0.vantage == .here } }.count
        var parts: [String] = []
        if !vantages.isEmpty {
            parts.append("vantages " + vantages.map { "\($0.name) \($0.state.rawValue)" + ($0.failures > 0 ? " (\($0.failures) down)" : "") }.joined(separator: ", "))
        }
        if vantages.isEmpty || fromHere > 0 {
            parts.append(fromHere == arrows.count || arrows.isEmpty
                ? "probed from here, not from the initiators" : "\(fromHere) arrows from here, not from the initiators")
        }
        return parts.joined(separator: "; ")
    }

    /// Adds a line to the log, keeping the newest `logLength`.
    public mutating func log(at time: Date, _ text: String, _ health: LinkHealth? = nil, arrow: ArrowRef? = nil) {
        log.append(LogEntry(time: time, text: text, health: health, arrow: arrow))
        if log.count > Self.logLength { log.removeFirst(log.count - Self.logLength) }
    }

    /// True when the arrow's health changed within `changeMarkSeconds` before the latest round.
    public func justChanged(_ arrow: ArrowRef) -> Bool {
        guard let live = arrows[arrow], live.changes > 0, let lastRefresh else { return false }
        return lastRefresh.timeIntervalSince(live.changedAt) <= Self.changeMarkSeconds
    }

    /// The live state of a connection of a schema; nil when the documents name no port (nothing to probe).
    public func health(of connection: Connection, in schema: SchemaID) -> LinkHealth? {
        guard connection.effectivePort != nil else { return nil }
        return arrows[ArrowRef(connection, in: schema)]?.health ?? .unknown
    }

    /// True once a round returned results for some arrow of the schema (the figure is coloured from then on).
    public func hasResults(for schema: SchemaID) -> Bool {
        arrows.keys.contains { $0.schema == schema }
    }

    /// How many arrows of a schema are in each live state, worst last: exactly the arrows the figure
    /// colours (those with a port, once the schema has results); empty before that.
    public func healthCounts(in schema: Schema) -> [(health: LinkHealth, count: Int)] {
        arrowStates(for: schema)?.counts ?? []
    }

    /// The result that decides an arrow's state: its worst host's.
    static func deciding(_ results: [ProbeResult]) -> ProbeResult? {
        results.max { LinkHealth($0) < LinkHealth($1) }
    }

    private static func order(_ a: ArrowRef, _ b: ArrowRef) -> Bool {
        (a.schema, a.label, a.from, a.to) < (b.schema, b.label, b.from, b.to)
    }
}
