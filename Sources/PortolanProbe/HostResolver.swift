#if canImport(Glibc)
import Glibc
#endif
import PortolanCore

/// Resolves host names to their first address with `getaddrinfo`.
enum HostResolver {
    /// The host's address, or the resolver's message.
    static func resolve(_ host: TargetHost) -> Result<IPAddress, ResolveFailure> {
        switch host {
        case let .address(address):
            return .success(address)
        case let .name(name):
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(name, nil, &hints, &list)
            defer { if let list { freeaddrinfo(list) } }
            guard status == 0 else { return .failure(ResolveFailure(message: String(cString: gai_strerror(status)))) }
            var entry = list
            while let current = entry {
                if let address = Self.address(current.pointee) { return .success(address) }
                entry = current.pointee.ai_next
            }
            return .failure(ResolveFailure(message: "no IPv4 or IPv6 address"))
        }
    }

    private static func address(_ info: addrinfo) -> IPAddress? {
        guard let pointer = info.ai_addr else { return nil }
        switch info.ai_family {
        case AF_INET:
            let sin = UnsafeRawPointer(pointer).loadUnaligned(as: sockaddr_in.self)
            return .v4(UInt32(bigEndian: sin.sin_addr.s_addr))
        case AF_INET6:
            var sin6 = UnsafeRawPointer(pointer).loadUnaligned(as: sockaddr_in6.self)
            return .v6(withUnsafeBytes(of: &sin6.sin6_addr) { Array($0) })
        default:
            return nil
        }
    }
}

/// A name that did not resolve, with the resolver's message.
struct ResolveFailure: Error {
    var message: String
}
