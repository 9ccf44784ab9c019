#if canImport(Glibc)
import Glibc
#endif
import PortolanCore

/// A `sockaddr_in` or `sockaddr_in6` for an address and port, ready for `connect`.
struct RawSocketAddress {
    var storage = sockaddr_storage()
    var length: socklen_t
    var family: Int32

    init(_ address: IPAddress, port: UInt16) {
        switch address {
        case let .v4(value):
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = port.bigEndian
            sin.sin_addr.s_addr = value.bigEndian
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: sin) { raw.copyMemory(from: $0) }
            }
        case let .v6(bytes):
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &sin6.sin6_addr) { raw in
                for (index, byte) in bytes.prefix(16).enumerated() { raw[index] = byte }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: sin6) { raw.copyMemory(from: $0) }
            }
        }
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length.
    func withPointer<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var copy = storage
        return withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}

/// Small wrappers over socket options and queries.
enum SocketCalls {
    /// `SO_LINGER {on, 0}`: `close` sends a reset and leaves no TIME_WAIT, so thousands of connects
    /// to one endpoint do not exhaust source ports.
    static func setLingerZero(_ fd: Int32) {
        var value = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &value, socklen_t(MemoryLayout<linger>.size))
    }

    /// Dissolves a TCP socket's association (`connect` to an `AF_UNSPEC` address, connect(2)): an
    /// established connection is reset, a SYN in flight forgotten; the socket can connect again.
    static func disconnect(_ fd: Int32) -> Bool {
        var unspecified = sockaddr()
        unspecified.sa_family = sa_family_t(AF_UNSPEC)
        return connect(fd, &unspecified, socklen_t(MemoryLayout<sockaddr>.size)) == 0
    }

    /// The pending error of a socket (`SO_ERROR`), 0 if none; clears it.
    static func pendingError(_ fd: Int32) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { return errno }
        return value
    }

    /// True when a connected socket's local address and port equal its peer's: a TCP simultaneous
    /// open with itself, which happens when the kernel picks the destination port as the source port
    /// of a connect to a loopback address where nothing listens. Such a port is not open.
    static func isSelfConnected(_ fd: Int32) -> Bool {
        var local = sockaddr_storage()
        var peer = sockaddr_storage()
        var localLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let gotLocal = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &localLength) == 0 }
        }
        let gotPeer = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &peerLength) == 0 }
        }
        guard gotLocal, gotPeer, localLength == peerLength else { return false }
        let count = Int(localLength)
        return withUnsafeBytes(of: local) { a in withUnsafeBytes(of: peer) { b in a.prefix(count).elementsEqual(b.prefix(count)) } }
    }

    /// The self-connect guard at the cost of one `getsockname`: a connection can only be to itself if
    /// its local port is the destination port; only then are the addresses compared.
    static func isConnected(toItsOwnPort fd: Int32, port: UInt16) -> Bool {
        var local = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        // sin_port and sin6_port both sit at offset 2.
        let localPort = withUnsafeBytes(of: local) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
        return named && localPort == port && isSelfConnected(fd)
    }

    /// The system's message for an `errno` value.
    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// The socket type flags as `Int32`, hiding Glibc's enum import.
enum SocketType {
    static let stream = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    static let datagram = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
}
