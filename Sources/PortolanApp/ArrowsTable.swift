import Foundation
import PortolanCore

/// The arrows table (`a`): what it shows and how, not the rows themselves (`ArrowRow.rows(of:)` makes
/// them from the open schema, the live state and the audit's findings).
public struct ArrowsTable: Sendable, Hashable {
    /// A column of the table; `s` cycles the sort through them in this order.
    public enum Column: String, Sendable, Hashable, CaseIterable {
        case number = "#"
        case route = "from → to"
        case target = "host:port"
        case tls = "TLS"
        case state
        case latency
        case reason
        case vantage
        case changed
    }

    /// True while the table takes the diagram's place.
    public var shown = false
    public var sort: Column = .number
    public var descending = false
    /// Only the rows that need a look: not as documented, not UDP silence (`!`).
    public var problemsOnly = false
    /// The highlighted row, an index into the visible rows.
    public var cursor = 0
    /// The search (`/`): case-insensitive, over number, roles, host, port and state.
    public var search = ""
    /// True while the search is typed.
    public var editingSearch = false

    public init() {}

    /// The visible rows: filtered by `problemsOnly`, sorted by `sort` (ties by the documents' order).
    public func visible(_ rows: [ArrowRow]) -> [ArrowRow] {
        let kept = problemsOnly ? rows.filter(\.isProblem) : rows
        let ordered = kept.enumerated().sorted { a, b in
            let order = ArrowRow.compare(a.element, b.element, by: sort)
            if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
            return a.offset < b.offset
        }
        return ordered.map(\.element)
    }

    /// The indices of the visible rows that match the search (none for an empty search).
    public func matches(_ visible: [ArrowRow]) -> [Int] {
        let needle = search.lowercased()
        guard !needle.isEmpty else { return [] }
        return visible.indices.filter { visible[$0].searchText.contains(needle) }
    }
}

/// The words of the table's state column that are not live states.
public enum ArrowRowState: Sendable, Hashable {
    /// The arrow's live state, in the legend's words.
    case live(LinkHealth)
    /// Not probed: no topology, or the documents name no port.
    case notProbed
    /// An open port that no arrow from the probing vantage point needs (`portolan audit`'s finding).
    case exposed

    /// The word shown: a live state's word, `exposed`, or `-`.
    public var word: String {
        switch self {
        case let .live(health): health.rawValue
        case .notProbed: "-"
        case .exposed: "exposed"
        }
    }

    /// The mark shown before the word, as on the figure's labels (`*` for exposed).
    public func mark(unicode: Bool) -> Character {
        switch self {
        case let .live(health): health.mark(unicode: unicode)
        case .notProbed: " "
        case .exposed: "*"
        }
    }

    /// Severity for sorting: exposed after every live state, not probed first.
    var rank: Int {
        switch self {
        case .notProbed: -1
        case let .live(health): health.severity
        case .exposed: LinkHealth.allCases.map(\.severity).max().map { $0 + 1 } ?? 99
        }
    }
}
