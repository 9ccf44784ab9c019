/// A TCP or UDP port number, 1...65535.
public struct PortNumber: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt16

    /// Fails for 0, which no service listens on.
    public init?(rawValue: UInt16) {
        guard rawValue > 0 else { return nil }
        self.rawValue = rawValue
    }

    /// Fails outside 1...65535.
    public init?(_ value: Int) {
        guard (1...65535).contains(value) else { return nil }
        self.rawValue = UInt16(value)
    }

    /// A port known to be valid where it is written: a non-zero literal in the source, or one the pack reader
    /// checked at build time (the code `PackEmbedder` writes). A 0 would become 1 rather than trap.
    package init(known value: UInt16) {
        self.rawValue = max(value, 1)
    }

    public var description: String { String(rawValue) }
    public static func < (lhs: PortNumber, rhs: PortNumber) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Declares a string-backed identifier type that is distinct from `String` and from the other identifiers.
public protocol StringIdentifier: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral where RawValue == String
{
    init(rawValue: String)
}

extension StringIdentifier {
    public init(_ value: String) { self.init(rawValue: value) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A role's id inside one schema, such as `admin-server` or `secondary-dmz`.
public struct RoleID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A schema's id, unique in a catalog, such as `ksc13-lan`.
public struct SchemaID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A pack's id, such as `ksc-13.1`.
public struct PackID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The name of a process that opens a port, as the documents print it (`klserver`, `klnagent`, `Node.js: Server-side JavaScript`).
public struct ProcessName: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The label of a numbered arrow in a figure: `"1"` … `"17"`, `"4a"`, `"9a"`, `"15a"`.
///
/// Labels order numerically first (`"4"` < `"4a"` < `"5"` < `"10"`), then by their suffix.
public struct ArrowLabel: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The leading number, if the label starts with digits.
    public var number: Int? { Int(rawValue.prefix(while: \.isNumber)) }

    /// What follows the leading number (`"a"` for `"4a"`).
    public var suffix: Substring { rawValue.drop(while: \.isNumber) }

    public static func < (lhs: ArrowLabel, rhs: ArrowLabel) -> Bool {
        switch (lhs.number, rhs.number) {
        case let (l?, r?) where l != r: return l < r
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (lhs.suffix, lhs.rawValue) < (rhs.suffix, rhs.rawValue)
        }
    }
}
