import Foundation
import PortolanCore

/// The line protocol between portolan and a `portolan agent` at a vantage point.
///
/// Both directions carry one JSON object per line (UTF-8, `\n`-terminated):
///
/// - to the agent: `ProbeRequestJSON`, e.g.
///   `{"id":"3.1","host":"10.0.2.20","port":13000,"protocol":"tcp","tls":true}`;
/// - from the agent: first one `AgentHelloJSON` line (`{"agent":"portolan","protocol":1,…}`), then one
///   result per request, the same object `portolan probe --json` prints (`ProbeResultJSON`) with the
///   request's `id`, or an `AgentErrorJSON` line (`{"error":"stdin:4:1: …","id":…}`) for a request it
///   could not read.
///
/// The agent probes requests in the order they arrive, batching those that arrive together, and exits
/// when its input ends.
public enum AgentProtocol {
    /// The protocol version an agent announces; a controller refuses an agent with another one.
    public static let version = 1
}

/// One probe request: a target, with the arrow it stands for (echoed back) and optional settings.
public struct ProbeRequestJSON: Codable, Sendable, Hashable {
    /// Chosen by the sender and echoed in the result, so that answers can be matched to requests.
    public var id: String?
    public var host: String
    public var port: Int
    public var `protocol`: String
    /// `true` asks for a TLS handshake, `false` for a check that the port does not answer TLS; absent
    /// or `null` for no TLS check.
    public var tls: TLSExpectation?
    public var schema: String?
    public var label: String?
    public var from: String?
    public var to: String?
    /// The longest wait per attempt; the agent's own default when absent.
    public var timeoutMilliseconds: Int?
    /// Extra attempts after silence; the agent's own default when absent.
    public var retries: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, host, port, `protocol`, tls, schema, label, from, to, retries
        case timeoutMilliseconds = "timeout_ms"
    }

    /// Reads a request strictly: unknown fields are errors (as in topology files), and each error
    /// names its field in words (`field 'port' must be a whole number`). A numeric `id` is read as its
    /// decimal text.
    ///
    /// - Throws: `JSONFieldError`.
    public init(from decoder: Decoder) throws {
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let known = CodingKeys.allCases.map(\.rawValue)
        let all: KeyedDecodingContainer<AnyKey>
        do {
            all = try decoder.container(keyedBy: AnyKey.self)
        } catch {
            throw JSONFieldError(field: "", "a request is a JSON object")
        }
        if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw JSONFieldError(field: unknown, "unknown field; a request has \(known.joined(separator: ", "))")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func field<T: Decodable>(_ key: CodingKeys, _ type: T.Type, _ what: String) throws -> T? {
            do {
                return try container.decodeIfPresent(type, forKey: key)
            } catch {
                throw JSONFieldError(field: key.rawValue, "must be \(what)")
            }
        }
        func required<T: Decodable>(_ key: CodingKeys, _ type: T.Type, _ what: String) throws -> T {
            guard let value = try field(key, type, what) else { throw JSONFieldError(field: key.rawValue, "missing; it must be \(what)") }
            return value
        }
        if let number = try? container.decodeIfPresent(Int.self, forKey: .id) {
            id = String(number)
        } else {
            id = try field(.id, String.self, "a string or a whole number")
        }
        host = try required(.host, String.self, "a string: an IP address or a host name")
        port = try required(.port, Int.self, "a whole number from 1 to 65535")
        self.protocol = try required(.protocol, String.self, "\"tcp\" or \"udp\"")
        tls = try field(.tls, TLSExpectation.self, "true, false, \"unknown\" or null")
        schema = try field(.schema, String.self, "a string")
        label = try field(.label, String.self, "a string")
        from = try field(.from, String.self, "a string")
        to = try field(.to, String.self, "a string")
        timeoutMilliseconds = try field(.timeoutMilliseconds, Int.self, "a whole number of milliseconds")
        retries = try field(.retries, Int.self, "a whole number")
    }

    public init(id: String?, target: ProbeTarget, arrow: ArrowRef? = nil, settings: ProbeSettings? = nil) {
        self.id = id
        host = target.host.description
        port = Int(target.port.rawValue)
        self.protocol = target.transport.rawValue
        tls = target.tls == .notApplicable ? nil : target.tls
        schema = arrow?.schema.rawValue
        label = arrow?.label.rawValue
        from = arrow?.from.rawValue
        to = arrow?.to.rawValue
        timeoutMilliseconds = settings?.timeoutMilliseconds
        retries = settings?.retries
    }

    /// The target the request names.
    ///
    /// - Throws: `JSONFieldError` naming the bad field.
    public func target() throws -> ProbeTarget {
        guard let transport = Transport(rawValue: self.protocol.lowercased()) else {
            throw JSONFieldError(field: "protocol", "unknown protocol \(quoted(self.protocol)); expected tcp or udp")
        }
        guard let port = PortNumber(port) else { throw JSONFieldError(field: "port", "bad port \(port); ports run from 1 to 65535") }
        let targetHost: TargetHost
        if let address = IPAddress(host) {
            targetHost = .address(address)
        } else if HostReader.isHostName(host) {
            targetHost = .name(host.lowercased())
        } else {
            throw JSONFieldError(field: "host", "\(quoted(host)) is neither an IP address nor a host name")
        }
        if let timeoutMilliseconds, !(1...600_000).contains(timeoutMilliseconds) {
            throw JSONFieldError(field: "timeout_ms", "timeout_ms must be within 1...600000")
        }
        if let retries, !(0...10).contains(retries) { throw JSONFieldError(field: "retries", "retries must be within 0...10") }
        let expectation = transport == .tcp ? (tls ?? .notApplicable) : .notApplicable
        return ProbeTarget(host: targetHost, port: port, transport: transport, tls: expectation)
    }

    /// The arrow the request names, if it names all four parts.
    public var arrow: ArrowRef? {
        guard let schema, let label, let from, let to else { return nil }
        return ArrowRef(schema: SchemaID(rawValue: schema), label: ArrowLabel(rawValue: label), from: RoleID(rawValue: from), to: RoleID(rawValue: to))
    }
}

/// The first line an agent writes: who it is and which protocol it speaks.
public struct AgentHelloJSON: Codable, Sendable, Hashable {
    /// Always `portolan`.
    public var agent: String
    public var `protocol`: Int
    /// The agent's process id, for logs.
    public var pid: Int

    public init(pid: Int) {
        agent = "portolan"
        self.protocol = AgentProtocol.version
        self.pid = pid
    }
}

/// A line the agent could not read, and where.
public struct AgentErrorJSON: Codable, Sendable, Hashable, Error {
    /// `stdin:LINE:COLUMN: message`.
    public var error: String
    /// The request's id, when the line was JSON with an `id`.
    public var id: String?

    public init(error: String, id: String?) {
        self.error = error
        self.id = id
    }
}
