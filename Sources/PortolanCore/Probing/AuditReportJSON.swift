import Foundation

/// The JSON form of an audit (`portolan audit --json`):
/// `{"topology","started","swept","vantages":[…],"findings":[…]}`.
public struct AuditReportJSON: Encodable, Sendable {
    /// One finding: `{"host","address","port","protocol","vantage","kind","why","needed_by":[…]}`.
    public struct FindingJSON: Encodable, Sendable {
        var host: String
        var address: String?
        var port: Int
        var `protocol`: String
        /// A vantage point's name, or `here`.
        var vantage: String
        var kind: ExposureFinding.Kind
        var why: String
        var neededBy: [NeedJSON]

        enum CodingKeys: String, CodingKey {
            case host, address, port, `protocol`, vantage, kind, why
            case neededBy = "needed_by"
        }

        public init(_ finding: ExposureFinding) {
            host = finding.host.description
            address = finding.address.map(\.description)
            port = Int(finding.port.rawValue)
            `protocol` = finding.transport.rawValue
            vantage = finding.vantage.description
            kind = finding.kind
            why = finding.why
            neededBy = finding.neededBy.map(NeedJSON.init)
        }
    }

    /// An arrow that needs the port: `{"schema","label","from","to","vantage"}` (vantage `here` or a name).
    public struct NeedJSON: Encodable, Sendable {
        var schema, label, from, to, vantage: String

        init(_ need: ExposureFinding.Need) {
            schema = need.arrow.schema.rawValue
            label = need.arrow.label.rawValue
            from = need.arrow.from.rawValue
            to = need.arrow.to.rawValue
            vantage = need.vantage ?? "here"
        }
    }

    var topology: String
    var started: String
    /// Probes sent, over every sweep.
    var swept: Int
    var vantages: [VantageStatusJSON]
    var findings: [FindingJSON]

    public init(topology: String, started: Date, swept: Int, vantages: [VantageStatus], findings: [ExposureFinding]) {
        self.topology = topology
        self.started = ProbeResultJSON.timestamp(started)
        self.swept = swept
        self.vantages = vantages.map(VantageStatusJSON.init)
        self.findings = findings.map(FindingJSON.init)
    }
}
