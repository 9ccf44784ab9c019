import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A port that was free on every address a moment ago (bound to the wildcard address and port 0, then
/// released), so that no listener on 0.0.0.0 answers for it once a test's own endpoint is closed.
///
/// - Parameter tcp: a TCP port when true, else UDP.
public func freePort(tcp: Bool) throws -> UInt16 {
    let fd = socket(AF_INET, Int32(tcp ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw PortFailure(message: "socket: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = INADDR_ANY
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    guard bound == 0 else { throw PortFailure(message: "bind: errno \(errno)") }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    let port = UInt16(bigEndian: address.sin_port)
    guard port != 0 else { throw PortFailure(message: "the system gave port 0") }
    return port
}

/// No free port could be had.
public struct PortFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
