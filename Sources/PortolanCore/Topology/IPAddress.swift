#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, parsed from and printed as the usual text forms.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An IPv4 address in host byte order.
    case v4(UInt32)
    /// An IPv6 address as its 16 bytes, most significant first.
    case v6([UInt8])

    /// Parses dotted-quad IPv4 (`10.0.0.1`) or IPv6 (`::1`, `fe80::1`); `nil` for anything else.
    public init?(_ text: String) {
        if let v4 = Self.parseV4(text.utf8) {
            self = .v4(v4)
            return
        }
        guard text.contains(":") else { return nil }
        var storage = in6_addr()
        guard inet_pton(AF_INET6, text, &storage) == 1 else { return nil }
        self = .v6(withUnsafeBytes(of: &storage) { Array($0) })
    }

    /// Strict dotted-quad: four decimal parts 0...255 of one to three ASCII digits, no sign, no empty part.
    /// Read byte by byte: a targets file of many thousand lines parses every address.
    static func parseV4<Bytes: Sequence<UInt8>>(_ text: Bytes) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | part
                part = 0
                digits = 0
                dots += 1
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, part <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        return value << 8 | part
    }

    /// True for 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        switch self {
        case let .v4(value): value >> 24 == 127
        case let .v6(bytes): bytes == Array(repeating: 0, count: 15) + [1]
        }
    }

    public var description: String {
        switch self {
        case let .v4(value):
            // At most 15 bytes, written in place: results of large rounds print every address.
            return String(unsafeUninitializedCapacity: 15) { buffer in
                var count = 0
                for shift in [UInt32(24), 16, 8, 0] {
                    if shift != 24 {
                        buffer[count] = UInt8(ascii: ".")
                        count += 1
                    }
                    let byte = UInt8(truncatingIfNeeded: value >> shift)
                    if byte >= 100 {
                        buffer[count] = UInt8(ascii: "0") + byte / 100
                        count += 1
                    }
                    if byte >= 10 {
                        buffer[count] = UInt8(ascii: "0") + byte / 10 % 10
                        count += 1
                    }
                    buffer[count] = UInt8(ascii: "0") + byte % 10
                    count += 1
                }
                return count
            }
        case let .v6(bytes):
            var storage = in6_addr()
            withUnsafeMutableBytes(of: &storage) { raw in
                for (index, byte) in bytes.prefix(16).enumerated() { raw[index] = byte }
            }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(AF_INET6, &storage, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case let (.v4(a), .v4(b)): a < b
        case (.v4, .v6): true
        case (.v6, .v4): false
        case let (.v6(a), .v6(b)): a.lexicographicallyPrecedes(b)
        }
    }
}

/// An address block such as `10.0.1.0/24` or `fd00::/120`.
public struct CIDRBlock: Hashable, Sendable, CustomStringConvertible {
    public var base: IPAddress
    public var prefix: Int

    /// The most addresses a block may expand to, so that a typo (`/8`) cannot ask for millions of probes.
    public static let maximumSize = 65_536

    /// Parses `ADDRESS/PREFIX`; `nil` if either part is malformed or the prefix is out of range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let base = IPAddress(String(parts[0])), let prefix = Int(parts[1]) else { return nil }
        let bits: Int
        switch base {
        case .v4: bits = 32
        case .v6: bits = 128
        }
        guard (0...bits).contains(prefix) else { return nil }
        self.base = base
        self.prefix = prefix
    }

    /// How many addresses the block spans, capped at `Int.max`.
    public var size: Int {
        let hostBits: Int
        switch base {
        case .v4: hostBits = 32 - prefix
        case .v6: hostBits = 128 - prefix
        }
        return hostBits >= 62 ? Int.max : 1 << hostBits
    }

    /// How many addresses `addresses` holds, without listing them (up to `maximumSize`).
    public var hostCount: Int {
        let count = min(size, Self.maximumSize)
        if case .v4 = base, count >= 4 { return count - 2 }
        return count
    }

    /// The block's addresses in order; for IPv4 blocks of 4 or more addresses, without the network
    /// and broadcast addresses, which no host uses.
    ///
    /// - Precondition: `size <= maximumSize` (the topology reader checks it).
    public var addresses: [IPAddress] {
        let count = min(size, Self.maximumSize)
        switch base {
        case let .v4(value):
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
            let network = value & mask
            let all = (0..<UInt32(count)).map { IPAddress.v4(network + $0) }
            return count >= 4 ? Array(all.dropFirst().dropLast()) : all
        case let .v6(bytes):
            var network = bytes
            for index in 0..<16 {
                let keep = max(0, min(8, prefix - index * 8))
                network[index] &= keep == 0 ? 0 : UInt8(0xff) << UInt8(8 - keep)
            }
            return (0..<count).map { offset in
                var address = network
                address[15] |= UInt8(offset & 0xff)
                address[14] |= UInt8((offset >> 8) & 0xff)
                return .v6(address)
            }
        }
    }

    /// The block of exactly one address (`/32`, or `/128` for IPv6).
    public init(host address: IPAddress) {
        base = address
        switch address {
        case .v4: prefix = 32
        case .v6: prefix = 128
        }
    }

    /// True if `address` lies inside the block (an IPv4 block holds no IPv6 address and back).
    public func contains(_ address: IPAddress) -> Bool {
        switch (base, address) {
        case let (.v4(network), .v4(value)):
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
            return network & mask == value & mask
        case let (.v6(network), .v6(value)):
            for index in 0..<16 {
                let keep = max(0, min(8, prefix - index * 8))
                let mask: UInt8 = keep == 0 ? 0 : UInt8(0xff) << UInt8(8 - keep)
                if network[index] & mask != value[index] & mask { return false }
            }
            return true
        default:
            return false
        }
    }

    /// True for an IPv4 block.
    public var isV4: Bool { if case .v4 = base { true } else { false } }

    public var description: String { "\(base)/\(prefix)" }
}
