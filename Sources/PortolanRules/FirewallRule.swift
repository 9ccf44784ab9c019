import PortolanCore

/// Where a rule lets traffic in from: named addresses and blocks, or anywhere.
public enum RuleSource: Hashable, Sendable {
    /// Any source: the initiator is not bound and its zone has no blocks in the topology.
    case any
    /// The initiators' addresses, blocks and host names.
    case hosts([RuleAddress])

    /// The addresses, or an empty list for `any`.
    public var addresses: [RuleAddress] {
        if case let .hosts(list) = self { list } else { [] }
    }
}

/// One address a rule names: a host, a block, or a DNS name the firewall resolves when it loads the rules.
public enum RuleAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case block(CIDRBlock)
    case name(String)

    /// A single host as a /32 (or /128) block.
    public init(_ address: IPAddress) { self = .block(CIDRBlock(host: address)) }

    /// The address family: `true` for IPv4, `false` for IPv6, `nil` for a name.
    public var isV4: Bool? {
        if case let .block(block) = self { block.isV4 } else { nil }
    }

    /// `10.0.0.5` for a single host, `10.0.0.0/24` for a block, the name for a name.
    public var description: String {
        switch self {
        case let .block(block):
            let full = block.isV4 ? 32 : 128
            return block.prefix == full ? block.base.description : block.description
        case let .name(name): return name
        }
    }

    public static func < (lhs: RuleAddress, rhs: RuleAddress) -> Bool {
        switch (lhs, rhs) {
        case let (.block(a), .block(b)): (a.base, a.prefix) < (b.base, b.prefix)
        case (.block, .name): true
        case (.name, .block): false
        case let (.name(a), .name(b)): a < b
        }
    }
}

/// Where the port of a rule comes from.
public enum PortOrigin: Hashable, Sendable {
    /// The document names it.
    case documented
    /// The document names the protocol but no port: its default (443 for HTTPS).
    case inferred
    /// A port the document allows but does not recommend (plaintext 14000), written only with `--legacy`.
    case legacy(note: String)
    /// The topology moves the documented port here.
    case moved(from: PortNumber)

    /// A short word for tables: `documented`, `inferred (protocol default)`, `legacy`, `moved from 13000`.
    public var word: String {
        switch self {
        case .documented: "documented"
        case .inferred: "inferred (protocol default)"
        case .legacy: "legacy (not recommended)"
        case let .moved(from): "moved from \(from)"
        }
    }
}

/// Which firewall a rule belongs to.
public enum RuleScope: String, Hashable, Sendable, Comparable {
    /// Inbound on the responder host itself.
    case host
    /// On the perimeter, for traffic that crosses zones.
    case forward

    public static func < (lhs: RuleScope, rhs: RuleScope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One allow rule: traffic from `sources` to `destination` on `port`/`transport`, and the arrows that need it.
public struct FirewallRule: Hashable, Sendable {
    public var scope: RuleScope
    public var transport: Transport
    public var port: PortNumber
    public var origin: PortOrigin
    /// The responder's host, or its zone's blocks (or any) on a forward rule towards an unbound responder.
    public var destination: RuleSource
    public var destinationZone: Zone?
    public var sources: RuleSource
    /// The arrows that need the rule (several when they share every other field).
    public var arrows: [ArrowRef]
    /// The responder's role kind, by which Windows rules are grouped.
    public var responderKind: RoleKind
    /// The document's words for what the first arrow is for.
    public var purpose: String

    /// `ksc13-lan 4 client-direct->admin-server`, every arrow joined by `; ` (ASCII: firewalls' comments).
    public var arrowText: String {
        arrows.map { "\($0.schema) \($0.label) \($0.from)->\($0.to)" }.joined(separator: "; ")
    }
}

/// The rules a topology implies, with the warnings met while writing them.
public struct RuleSet: Hashable, Sendable {
    public var topology: String
    public var schemas: [SchemaID]
    public var rules: [FirewallRule]
    /// Said once each: unbound initiators (source any), unbound responders, inferred ports.
    public var warnings: [String]
    /// True when the topology has zones, so that forward rules were written.
    public var hasZones: Bool

    public var hostRules: [FirewallRule] { rules.filter { $0.scope == .host } }
    public var forwardRules: [FirewallRule] { rules.filter { $0.scope == .forward } }
}
