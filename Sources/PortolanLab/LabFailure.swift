/// A failure of the lab's commands the user can act on (exit status 2): the message says what to do.
public struct LabFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
