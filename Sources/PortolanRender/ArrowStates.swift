import Foundation
import PortolanCore

/// The live state of every arrow of one schema, as the figure shows it: what the dashboard paints, what
/// `e` exports and what a report draws, so that all three colour the same arrows the same way.
///
/// An arrow the documents give a port has a state (`unknown` until a result arrives); an arrow without a
/// port (COM, a local call) has none and keeps its link colour.
public struct ArrowStates: Sendable, Hashable {
    public var schema: SchemaID
    /// The state of each arrow that has a port.
    public var health: [ArrowRef: LinkHealth]
    /// Arrows whose state changed a moment ago (their labels are drawn reversed).
    public var changed: Set<ArrowRef>

    public init(schema: SchemaID, health: [ArrowRef: LinkHealth], changed: Set<ArrowRef> = []) {
        self.schema = schema
        self.health = health
        self.changed = changed
    }

    /// The states one probe round gives a schema's arrows: each arrow's worst host, `unknown` for an
    /// arrow with a port that no result covers.
    public init(_ schema: Schema, results: [ProbeResult]) {
        var grouped: [ArrowRef: [ProbeResult]] = [:]
        for result in results {
            guard let arrow = result.arrow, arrow.schema == schema.id else { continue }
            grouped[arrow, default: []].append(result)
        }
        var health: [ArrowRef: LinkHealth] = [:]
        for connection in schema.connections where connection.effectivePort != nil {
            let arrow = ArrowRef(connection, in: schema.id)
            health[arrow] = LinkHealth(worstOf: grouped[arrow] ?? [])
        }
        self.init(schema: schema.id, health: health)
    }

    /// An arrow's state; nil for an arrow without a port.
    public func callAsFunction(_ arrow: ArrowRef) -> LinkHealth? { health[arrow] }

    /// How many arrows are in each state present, best first (the legend's entries).
    public var counts: [(health: LinkHealth, count: Int)] {
        var counts: [LinkHealth: Int] = [:]
        for state in health.values { counts[state, default: 0] += 1 }
        return LinkHealth.allCases.compactMap { state in counts[state].map { (state, $0) } }
    }
}
