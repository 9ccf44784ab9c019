/// A JSON object that does not read (an agent's request, a result line, a watcher's state), and which
/// field was wrong.
public struct JSONFieldError: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}
