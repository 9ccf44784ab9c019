import PortolanModel

/// How much of the model a figure draws: the same roles and arrows at three levels of detail.
public enum DetailLevel: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Process rectangles listing their ports; labels `[4] 13000 TCP TLS`, one line per connection.
    case full
    /// Process names without port lists; labels `[4] 13000`.
    case compact
    /// One-line role boxes; labels `[4]` only: the numbered list gives the ports.
    case overview

    public var description: String { rawValue }

    /// The next poorer level, `nil` after `overview`.
    public var poorer: DetailLevel? {
        switch self {
        case .full: .compact
        case .compact: .overview
        case .overview: nil
        }
    }

    /// The label lines of a bundle of connections at this level (one per connection, or one for all).
    func labelLines(_ connections: [Connection], numbered: Bool) -> [LabelLine] {
        switch self {
        case .full: connections.map { LabelText.line($0, numbered: numbered) }
        case .compact: connections.map { LabelText.short($0, numbered: numbered) }
        case .overview: [LabelText.compact(connections, numbered: true)]
        }
    }

    /// The one-line fallback of a label that finds no room for its lines.
    func fallbackLine(_ connections: [Connection], numbered: Bool) -> [LabelLine] {
        [LabelText.compact(connections, numbered: numbered || self == .overview)]
    }
}
