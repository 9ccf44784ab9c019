#if canImport(Glibc)
import Glibc
#endif
import PortolanCore

/// The addresses of this host in the calling thread's network namespace, for the self-connect guard.
///
/// A TCP connect can only end up connected to itself (a simultaneous open with its own SYN) when
/// the destination is an address of this host: loopback, the unspecified address (which means this
/// host), or an address of one of its interfaces. Probes to any other address skip the guard's
/// `getsockname`.
struct LocalAddresses {
    private var addresses: Set<IPAddress>

    /// The interface addresses `getifaddrs` lists now. Read by the thread that scans: a thread that
    /// entered another namespace sees that namespace's interfaces.
    static func current() -> LocalAddresses {
        var found: Set<IPAddress> = []
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return LocalAddresses(addresses: found, complete: false) }
        defer { freeifaddrs(list) }
        var entry = list
        while let current = entry {
            if let address = current.pointee.ifa_addr, let parsed = Self.address(address) { found.insert(parsed) }
            entry = current.pointee.ifa_next
        }
        return LocalAddresses(addresses: found, complete: true)
    }

    /// Whether the interface list was read; when it was not, every address counts as local (the
    /// guard runs for every probe, as it did before this list existed).
    let complete: Bool

    init(addresses: Set<IPAddress>, complete: Bool = true) {
        self.addresses = addresses
        self.complete = complete
    }

    /// True when a connect to `address` can reach this host itself.
    func contains(_ address: IPAddress) -> Bool {
        if !complete || address.isLoopback || addresses.contains(address) { return true }
        switch address {
        case let .v4(value):
            return value == 0
        case let .v6(bytes):
            if bytes.allSatisfy({ $0 == 0 }) { return true }
            // An IPv4-mapped address (::ffff:a.b.c.d) reaches the IPv4 host.
            let mapped = bytes.count == 16 && bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
            guard mapped else { return false }
            let value = bytes.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return contains(.v4(value))
        }
    }

    private static func address(_ pointer: UnsafeMutablePointer<sockaddr>) -> IPAddress? {
        switch Int32(pointer.pointee.sa_family) {
        case AF_INET:
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { .v4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr)) }
        case AF_INET6:
            return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                withUnsafeBytes(of: sin6.pointee.sin6_addr) { .v6(Array($0.prefix(16))) }
            }
        default:
            return nil
        }
    }
}
