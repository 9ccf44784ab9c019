import PortolanCore

/// Where the watcher's HTTP endpoint listens: an IP address and a port (`127.0.0.1:9470`, `[::1]:9470`).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The default: loopback only, so nothing is exposed unless an address is given.
    public static let standard = ListenAddress(host: .v4(0x7F00_0001), port: 9470)

    public var host: IPAddress
    /// 0 lets the system choose (the log says which port it chose).
    public var port: Int

    public init(host: IPAddress, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `ADDR:PORT`, `[V6ADDR]:PORT` or `:PORT` (loopback).
    ///
    /// - Throws: `ListenAddress.Invalid` naming what is wrong.
    public init(parsing text: String) throws {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw Invalid(text: text, reason: "an IPv6 address goes in brackets: [::1]:9470")
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw Invalid(text: text, reason: "expected ADDR:PORT, such as 127.0.0.1:9470") }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard let port = Int(portPart), (0...65_535).contains(port) else {
            throw Invalid(text: text, reason: "the port must be a number within 0...65535")
        }
        if hostPart.isEmpty {
            self.init(host: Self.standard.host, port: port)
            return
        }
        guard let host = IPAddress(String(hostPart)) else {
            throw Invalid(text: text, reason: "'\(hostPart)' is not an IP address (names are not resolved here)")
        }
        self.init(host: host, port: port)
    }

    /// `127.0.0.1:9470` or `[::1]:9470`.
    public var description: String {
        if case .v6 = host { return "[\(host)]:\(port)" }
        return "\(host):\(port)"
    }

    /// A `--listen` value that cannot be used.
    public struct Invalid: Error, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String { "--listen '\(text)': \(reason)" }
    }
}
