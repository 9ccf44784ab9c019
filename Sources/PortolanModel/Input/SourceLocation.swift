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

extension SourceLocation {
    /// The line and column of the character at `offset` (counted in characters, as Yams counts a
    /// reader error's place) in `text`.
    init(file: String, offset: Int, in text: String) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.init(file: file, line: line, column: column)
    }
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
        self.message = Self.clipped(message)
        self.hint = hint.map(Self.clipped)
    }

    public init(file: String, _ message: String, hint: String? = nil) {
        self.location = nil
        self.file = file
        self.message = Self.clipped(message)
        self.hint = hint.map(Self.clipped)
    }

    /// The longest message or hint kept, in characters. Values in messages go through `quoted(_:)`;
    /// this also bounds lists built from a file's names (a hint listing a schema's roles).
    public static let longestText = 400

    static func clipped(_ text: String) -> String {
        guard text.utf8.count > longestText, text.prefix(longestText + 1).count > longestText else { return text }
        return String(text.prefix(longestText - 1)) + "…"
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
