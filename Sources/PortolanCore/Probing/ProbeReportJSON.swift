import Foundation

/// The JSON form of one probe round (`portolan probe --json`):
/// `{"topology","started","vantage_note","vantages":[…],"results":[…]}`.
public struct ProbeReportJSON: Codable, Sendable, Hashable {
    public var topology: String
    /// ISO 8601, UTC.
    public var started: String
    /// Says where the probes were sent from: from the initiators' vantage points, from here, or both.
    public var vantageNote: String
    /// The topology's vantage points and how they did this round.
    public var vantages: [VantageStatusJSON]
    public var results: [ProbeResultJSON]

    enum CodingKeys: String, CodingKey {
        case topology, started, results, vantages
        case vantageNote = "vantage_note"
    }

    public init(topology: String, started: Date, results: [ProbeResult], vantages: [VantageStatus] = []) {
        self.topology = topology
        self.started = ProbeResultJSON.timestamp(started)
        self.vantageNote = VantageNote.text(results)
        self.vantages = vantages.map(VantageStatusJSON.init)
        self.results = results.map { ProbeResultJSON($0) }
    }
}

/// The sentence every output prints about where probes were sent from.
public enum VantageNote {
    /// `probed from here, not from the initiators`, `probed from the initiators' vantage points`, or a count of each.
    public static func text(_ results: [ProbeResult]) -> String {
        let arrows = results.filter { $0.arrow != nil }
        let here = arrows.filter { $0.vantage == .here }.count
        if arrows.isEmpty { return "probed from here" }
        if here == arrows.count { return "probed from here, not from the initiators" }
        if here == 0 { return "probed from the initiators' vantage points" }
        return "\(here) of \(arrows.count) probes sent from here, not from the initiators; the rest from the initiators' vantage points"
    }
}

/// The JSON form of one probe result; also the line format a `portolan agent` streams, so it decodes too.
public struct ProbeResultJSON: Codable, Sendable, Hashable {
    /// The request's id, in an agent's answers; absent in `probe --json`.
    public var id: String?
    public var schema: String?
    public var label: String?
    public var from: String?
    public var to: String?
    public var host: String
    public var address: String?
    public var port: Int
    public var `protocol`: String
    public var state: PortState
    /// The live state this result gives its arrow, in the dashboard's words; absent for raw targets.
    public var health: LinkHealth?
    public var reason: ProbeReason
    public var latencyMilliseconds: Double?
    public var message: String?
    public var tls: TLSJSON?
    public var vantage: String
    /// `true` when sent from the vantage point bound to the arrow's initiator, `false` when from here
    /// instead; absent for raw targets.
    public var fromInitiator: Bool?
    public var expected: Bool
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case id, schema, label, from, to, host, address, port, `protocol`, state, health, reason, message, tls, vantage, expected,
            warnings
        case latencyMilliseconds = "latency_ms"
        case fromInitiator = "from_initiator"
    }

    public init(_ result: ProbeResult, id: String? = nil) {
        self.id = id
        schema = result.arrow?.schema.rawValue
        label = result.arrow?.label.rawValue
        from = result.arrow?.from.rawValue
        to = result.arrow?.to.rawValue
        host = result.target.host.description
        address = result.outcome.address?.description
        port = Int(result.target.port.rawValue)
        self.protocol = result.target.transport.rawValue
        state = result.outcome.state
        health = result.arrow == nil ? nil : LinkHealth(result)
        reason = result.outcome.reason
        latencyMilliseconds = result.outcome.latency.map(Self.milliseconds)
        message = result.outcome.message
        tls = result.outcome.tls.map(TLSJSON.init)
        vantage = result.vantage.description
        fromInitiator = result.arrow == nil ? nil : result.vantage != .here
        expected = result.isExpected
        warnings = result.warnings
    }

    /// Milliseconds with three decimals.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        let micros = Double(seconds) * 1_000_000 + Double(attoseconds / 1_000_000_000_000)
        return micros.rounded() / 1000
    }

    /// ISO 8601 in UTC with milliseconds, as every JSON output of portolan writes times.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// The JSON form of a TLS report.
public struct TLSJSON: Codable, Sendable, Hashable {
    public var expected: TLSExpectation
    public var verdict: TLSVerdict
    public var version: String?
    public var cipher: String?
    public var subject: String?
    public var issuer: String?
    public var sans: [String]?
    public var notAfter: String?
    public var sha256: String?
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case expected, verdict, version, cipher, subject, issuer, sans, sha256, message
        case notAfter = "not_after"
    }

    public init(_ report: TLSReport) {
        expected = report.expected
        verdict = report.verdict
        version = report.version
        cipher = report.cipher
        subject = report.certificate?.subject
        issuer = report.certificate?.issuer
        sans = report.certificate?.alternativeNames
        notAfter = report.certificate.map { ProbeResultJSON.timestamp($0.notAfter) }
        sha256 = report.certificate?.sha256
        message = report.message
    }
}

extension TLSExpectation: Decodable {
    /// Reads what `encode(to:)` writes: `true`, `false`, `"unknown"` or `null`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .notApplicable
        } else if let flag = try? container.decode(Bool.self) {
            self = flag ? .yes : .no
        } else {
            let text = try container.decode(String.self)
            guard let value = TLSExpectation(rawValue: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown TLS expectation '\(text)'")
            }
            self = value
        }
    }
}

/// JSON with sorted keys (stable output), pretty printed or as one line for streaming.
public enum ProbeJSONEncoding {
    /// Encodes `value` as UTF-8 JSON text ending in a newline.
    ///
    /// - Parameter lines: `true` for one compact line (an agent's stream), `false` for an indented document.
    /// - Throws: `EncodingError` if a value cannot be encoded, which these types rule out.
    public static func string<T: Encodable>(_ value: T, lines: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = lines ? [.sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

extension ProbeResultJSON {
    /// The result as one line of JSON with sorted keys, written by hand: the same text
    /// `ProbeJSONEncoding.string(_:lines:)` gives, several times faster for rounds of many thousand targets.
    public func line() throws -> String {
        var out = "{"
        out.reserveCapacity(384)
        // `out.count` would count characters from the start at every key: a flag instead.
        var first = true
        func key(_ name: String) {
            out += first ? "\"" : ",\""
            out += name
            out += "\":"
            first = false
        }
        func string(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            out += Self.quoted(value)
        }
        string("address", address)
        key("expected")
        out += expected ? "true" : "false"
        string("from", from)
        if let fromInitiator {
            key("from_initiator")
            out += fromInitiator ? "true" : "false"
        }
        string("health", health?.rawValue)
        string("host", host)
        string("id", id)
        string("label", label)
        if let latencyMilliseconds {
            key("latency_ms")
            out += "\(latencyMilliseconds)"
        }
        string("message", message)
        key("port")
        out += String(port)
        string("protocol", self.protocol)
        string("reason", reason.rawValue)
        string("schema", schema)
        string("state", state.rawValue)
        if let tls {
            key("tls")
            out += try ProbeJSONEncoding.string(tls, lines: true).dropLast()
        }
        string("to", to)
        string("vantage", vantage)
        key("warnings")
        out += "[" + warnings.map(Self.quoted).joined(separator: ",") + "]}\n"
        return out
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        // Most values (names, addresses, states) need no escape: one pass over the bytes says so.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
