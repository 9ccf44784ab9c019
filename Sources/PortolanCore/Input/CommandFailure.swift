/// A failure the user can act on, and the exit status to leave with (2 unless said otherwise).
///
/// Every library target throws it for what is wrong with the user's request or machine (a flag's value, a
/// folder that does not exist, a port another program holds); the message says what is wrong and what to
/// do. The CLI prints `portolan: MESSAGE` on standard error and exits with `code`.
public struct CommandFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var code: Int32

    public init(_ message: String, code: Int32 = 2) {
        self.message = message
        self.code = code
    }

    public init(message: String, code: Int32 = 2) { self.init(message, code: code) }

    public var description: String { message }
}
