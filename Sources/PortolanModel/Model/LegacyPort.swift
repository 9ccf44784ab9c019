/// A port the documents still allow for an arrow but do not recommend, with its own TLS value and
/// the documents' words: the Administration Server's plaintext 14000 beside SSL 13000 (arrow 4).
///
/// Generated rules leave it out unless asked (`portolan rules --legacy`); the audit calls it open
/// but not recommended.
public struct LegacyPort: Hashable, Sendable {
    public var port: PortNumber
    /// Its own TLS expectation (14000 is `no` where 13000 is `yes`).
    public var tls: TLSExpectation
    /// The documents' words about this port, verbatim.
    public var note: String

    public init(port: PortNumber, tls: TLSExpectation, note: String) {
        self.port = port
        self.tls = tls
        self.note = note
    }
}
