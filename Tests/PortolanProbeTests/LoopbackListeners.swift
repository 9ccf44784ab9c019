import Foundation
import PortolanCore
#if canImport(Glibc)
import Glibc
#endif

/// A socket the test opens on loopback; closed when the value is released.
final class TestSocket: @unchecked Sendable {
    let fd: Int32
    let port: PortNumber
    let address: IPAddress
    /// Set for sockets that a thread of their own serves: that thread closes the descriptor when it
    /// has stopped, so that it never reads a descriptor number the process has reused.
    let stop = StopFlag()

    /// Binds a TCP (listening) or UDP socket to `host` on `port`, or on a port the kernel picks (0).
    init(_ transport: Transport, host: String = "127.0.0.1", port wanted: UInt16 = 0, listen: Bool = true) throws {
        ignoreBrokenPipes()
        let address = try requireValue(IPAddress(host))
        let v6 = if case .v6 = address { true } else { false }
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(transport == .tcp ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var storage = sockaddr_storage()
        var length: socklen_t
        if case let .v4(value) = address {
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_addr.s_addr = value.bigEndian
            sin.sin_port = wanted.bigEndian
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: sin) { raw.copyMemory(from: $0) } }
        } else {
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_addr = in6addr_loopback
            sin6.sin6_port = wanted.bigEndian
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: sin6) { raw.copyMemory(from: $0) } }
        }
        let bound = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw TestFailure("bind: \(errno)") }
        if transport == .tcp, listen { Glibc.listen(fd, 1024) }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) } }
        let rawPort = withUnsafeBytes(of: actual) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
        port = try requireValue(PortNumber(rawValue: rawPort))
        self.address = address
    }

    /// A TCP port that nothing listens on, held by a bound socket that does not listen (a SYN to it
    /// gets a reset), so no other test can be handed the same port while this value lives.
    static func closedTCP(host: String = "127.0.0.1") throws -> TestSocket {
        try TestSocket(.tcp, host: host, listen: false)
    }

    /// A port that was free a moment ago: bound, then released (for UDP, where a bound socket would answer).
    static func releasedPort(_ transport: Transport, host: String = "127.0.0.1") throws -> PortNumber {
        try TestSocket(transport, host: host, listen: false).port
    }

    deinit {
        if stop.served {
            stop.set()
            shutdown(fd, Int32(SHUT_RDWR))
        } else {
            close(fd)
        }
    }
}

/// A UDP socket that echoes up to `limit` datagrams on a thread of its own, until it is released.
final class UDPEcho: @unchecked Sendable {
    let socket: TestSocket
    var port: PortNumber { socket.port }

    init(host: String = "127.0.0.1", port: UInt16 = 0, limit: Int = 1000) throws {
        socket = try TestSocket(.udp, host: host, port: port)
        let fd = socket.fd
        let stop = socket.stop
        stop.served = true
        Thread.detachNewThread {
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 2048)
            var peer = sockaddr_storage()
            for _ in 0..<limit {
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = buffer.withUnsafeMutableBytes { raw in
                    withUnsafeMutablePointer(to: &peer) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
                    }
                }
                guard count >= 0, !stop.isSet else { return }
                _ = buffer.withUnsafeBytes { raw in
                    withUnsafePointer(to: &peer) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, raw.baseAddress, count, 0, $0, length) }
                    }
                }
            }
        }
    }
}

/// A TCP listener that accepts up to `limit` connections on its own thread, reads what the client
/// sends (when `read` is set), writes `reply`, and closes each one.
final class ReplyingListener: @unchecked Sendable {
    let socket: TestSocket
    var port: PortNumber { socket.port }

    init(reply: [UInt8], read: Bool, limit: Int = 20) throws {
        socket = try TestSocket(.tcp)
        let fd = socket.fd
        let stop = socket.stop
        stop.served = true
        Thread.detachNewThread {
            defer { close(fd) }
            for _ in 0..<limit {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                if stop.isSet {
                    close(client)
                    return
                }
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if read {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    _ = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                }
                _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(client)
            }
        }
    }
}

/// A TCP port on loopback that goes away under its first client: it accepts one connection, reads the
/// client's first bytes, resets the connection and stops listening, as a flapping service does.
final class ClosingListener: @unchecked Sendable {
    /// Closed when the value is released (the thread only shuts it down, so it never closes a reused number).
    let socket: TestSocket
    var port: PortNumber { socket.port }
    private let lock = NSLock()
    private var count = 0

    /// How many connections were accepted.
    var accepted: Int { lock.withLock { count } }

    init() throws {
        socket = try TestSocket(.tcp)
        let fd = socket.fd
        Thread.detachNewThread { [self] in
            let client = accept(fd, nil, nil)
            // Stop listening at once: from now on a connect is refused.
            shutdown(fd, Int32(SHUT_RDWR))
            guard client >= 0 else { return }
            lock.withLock { count += 1 }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(client)
        }
    }
}

/// A flag one thread sets and another reads.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    /// Whether a thread of its own serves the socket (and closes it).
    var served = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Unwraps or throws, for use in initialisers where `#require` cannot be.
func requireValue<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw TestFailure("missing \(what)") }
    return value
}
