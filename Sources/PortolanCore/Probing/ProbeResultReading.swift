import Foundation

extension ProbeResult {
    /// The result a `probe --json` object stands for, as a watcher's `/api/v1/state` serves it: what
    /// `tui --attach` shows instead of probing itself.
    ///
    /// - Throws: `JSONFieldError` for a port, protocol, address or date that does not parse.
    public init(_ json: ProbeResultJSON) throws {
        guard let port = PortNumber(json.port) else { throw JSONFieldError(field: "port", "bad port \(json.port)") }
        guard let transport = Transport(rawValue: json.protocol) else {
            throw JSONFieldError(field: "protocol", "bad protocol '\(json.protocol)'")
        }
        var arrow: ArrowRef?
        if let schema = json.schema, let label = json.label, let from = json.from, let to = json.to {
            arrow = ArrowRef(schema: SchemaID(schema), label: ArrowLabel(label), from: RoleID(from), to: RoleID(to))
        }
        let host: TargetHost = IPAddress(json.host).map(TargetHost.address) ?? .name(json.host)
        let target = ProbeTarget(host: host, port: port, transport: transport, tls: json.tls?.expected ?? .notApplicable)
        self.init(
            arrow: arrow, target: target, outcome: try ProbeOutcome(json), vantage: json.vantage == "here" ? .here : .named(json.vantage),
            warnings: json.warnings)
    }
}

extension ProbeOutcome {
    /// The outcome a result line carries, as the agent found it.
    ///
    /// - Throws: `JSONFieldError` for an address or date that does not parse.
    public init(_ json: ProbeResultJSON) throws {
        var address: IPAddress?
        if let text = json.address {
            guard let parsed = IPAddress(text) else { throw JSONFieldError(field: "address", "bad address \(quoted(text))") }
            address = parsed
        }
        let latency = json.latencyMilliseconds.map { Duration.nanoseconds(Int64(($0 * 1_000_000).rounded())) }
        let tls = try json.tls.map { tls -> TLSReport in
            var certificate: CertificateInfo?
            if let sha256 = tls.sha256 {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                guard let text = tls.notAfter, let notAfter = formatter.date(from: text) else {
                    throw JSONFieldError(field: "tls.not_after", "bad certificate expiry '\(tls.notAfter ?? "")'")
                }
                certificate = CertificateInfo(
                    subject: tls.subject ?? "", issuer: tls.issuer ?? "", alternativeNames: tls.sans ?? [], notAfter: notAfter,
                    sha256: sha256)
            }
            return TLSReport(
                expected: tls.expected, verdict: tls.verdict, version: tls.version, cipher: tls.cipher, certificate: certificate,
                message: tls.message)
        }
        self.init(address: address, state: json.state, reason: json.reason, latency: latency, message: json.message, tls: tls)
    }
}
