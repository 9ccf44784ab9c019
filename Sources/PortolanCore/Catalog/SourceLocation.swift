/// A place in a text file: `file:line:col`, both counted from 1.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// An error in an input file: where it is, what is wrong, and what to do about it.
public struct LocatedError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var file: String
    public var message: String
    /// What to do about it, such as `expected one of: tcp, udp`.
    public var hint: String?

    public init(at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.location = location
        self.file = location.file
        self.message = message
        self.hint = hint
    }

    public init(file: String, _ message: String, hint: String? = nil) {
        self.location = nil
        self.file = file
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let place = location.map(\.description) ?? file
        return hint.map { "\(place): \(message) (\($0))" } ?? "\(place): \(message)"
    }
}

/// Every error found while loading a set of files, in file order.
public struct LoadErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [LocatedError]

    public init(_ errors: [LocatedError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
