import Foundation

/// One arrow × host whose live state changed between two rounds: the object `portolan watch` writes to
/// `--events` and streams on `/api/v1/events`, and the dashboard's `--log` writes, one JSON line each.
///
/// `old` and `new` are `LinkHealth` words, so the event speaks the same vocabulary as the dashboard's
/// colours, status bar and log. A result seen for the first time has `old` `unknown`.
public struct ArrowChangeEvent: Codable, Sendable, Hashable {
    /// ISO 8601, UTC, with milliseconds: when the round that saw the change ended.
    public var time: String
    public var schema: String
    public var label: String
    public var from: String
    public var to: String
    /// The host as the topology names it.
    public var host: String
    /// The address probed, where the host resolved.
    public var address: String?
    public var port: Int
    public var `protocol`: String
    public var old: LinkHealth
    public var new: LinkHealth
    /// The probe's reason for the new state (`conn-refused`, `syn-ack`, `timeout`…).
    public var reason: String
    /// Where the probe went from: a vantage point's name, or `here`.
    public var vantage: String

    public init(
        time: String, schema: String, label: String, from: String, to: String, host: String, address: String?, port: Int,
        protocol: String, old: LinkHealth, new: LinkHealth, reason: String, vantage: String
    ) {
        self.time = time
        self.schema = schema
        self.label = label
        self.from = from
        self.to = to
        self.host = host
        self.address = address
        self.port = port
        self.protocol = `protocol`
        self.old = old
        self.new = new
        self.reason = reason
        self.vantage = vantage
    }

    /// The change `result` shows against the health it had before.
    ///
    /// - Returns: `nil` for a raw target (no arrow).
    public init?(_ result: ProbeResult, old: LinkHealth, at time: Date) {
        guard let arrow = result.arrow else { return nil }
        self.init(
            time: ProbeResultJSON.timestamp(time), schema: arrow.schema.rawValue, label: arrow.label.rawValue,
            from: arrow.from.rawValue, to: arrow.to.rawValue, host: result.target.host.description,
            address: result.outcome.address?.description, port: Int(result.target.port.rawValue),
            protocol: result.target.transport.rawValue, old: old, new: LinkHealth(result),
            reason: result.outcome.reason.rawValue, vantage: result.vantage.description)
    }

    /// The event as one line of JSON with sorted keys, ending in a newline.
    public func line() -> String {
        // Encoding these plain fields cannot fail.
        (try? ProbeJSONEncoding.string(self, lines: true)) ?? "{}\n"
    }
}

/// Finds the results whose health changed since the previous round, per arrow × target × vantage point.
///
/// The first round is the baseline: only results worse than UDP silence are reported then (with `old`
/// `unknown`), as the dashboard's log does; afterwards every change is.
///
/// It keeps the previous round's results array itself (shared with whoever else keeps the round, such
/// as the watcher's `/api/v1/state`), not a table of its own: a plan that did not change puts each
/// probe at the same place, so comparing place by place is enough; only when a place holds another
/// probe (a reloaded topology) is a table by key built, for that round.
public struct ArrowChangeDetector: Sendable {
    /// One probed thing: the same port seen from two places is two facts.
    public struct Key: Hashable, Sendable {
        public var arrow: ArrowRef
        public var target: ProbeTarget
        public var vantage: String
    }

    private var previous: [ProbeResult]?

    public init() {}

    /// The live state of every probed thing after the latest round.
    public var health: [Key: LinkHealth] { Self.table(previous ?? []) }

    /// Takes one round's results and returns its changes, in result order.
    ///
    /// Keys no longer in the round (a reloaded topology dropped them) are forgotten.
    public mutating func changes(in results: [ProbeResult], at time: Date) -> [ArrowChangeEvent] {
        var events: [ArrowChangeEvent] = []
        var byKey: [Key: LinkHealth]?
        for (place, result) in results.enumerated() {
            guard let arrow = result.arrow else { continue }
            let now = LinkHealth(result)
            let before: LinkHealth?
            if let previous {
                if place < previous.count, previous[place].arrow == arrow, previous[place].target == result.target,
                    previous[place].vantage == result.vantage
                {
                    before = LinkHealth(previous[place])
                } else {
                    if byKey == nil { byKey = Self.table(previous) }
                    before = byKey?[Key(arrow: arrow, target: result.target, vantage: result.vantage.description)]
                }
            } else {
                before = nil
            }
            if let before {
                if before != now, let event = ArrowChangeEvent(result, old: before, at: time) { events.append(event) }
            } else if now > .openFiltered, let event = ArrowChangeEvent(result, old: .unknown, at: time) {
                events.append(event)
            }
        }
        previous = results
        return events
    }

    /// The health of each probed thing in `results` (the last result of a key wins).
    private static func table(_ results: [ProbeResult]) -> [Key: LinkHealth] {
        var table: [Key: LinkHealth] = [:]
        for result in results {
            guard let arrow = result.arrow else { continue }
            table[Key(arrow: arrow, target: result.target, vantage: result.vantage.description)] = LinkHealth(result)
        }
        return table
    }
}
