import Foundation

extension ProbeResult {
    /// The result a `probe --json` object stands for, as a watcher's `/api/v1/state` serves it: what
    /// `tui --attach` shows instead of probing itself.
    ///
    /// - Throws: `AgentRequestError` for a port, protocol, address or date that does not parse.
    public init(_ json: ProbeResultJSON) throws {
        guard let port = PortNumber(json.port) else { throw AgentRequestError(field: "port", "bad port \(json.port)") }
        guard let transport = Transport(rawValue: json.protocol) else {
            throw AgentRequestError(field: "protocol", "bad protocol '\(json.protocol)'")
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
