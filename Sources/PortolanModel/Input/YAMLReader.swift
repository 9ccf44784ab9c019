import Yams

/// A YAML node that knows its file and position, with typed accessors whose errors say `file:line:col`.
///
/// Packs and topology files are read through this rather than `Decodable`, so that every error points
/// at the offending key or value, and unknown keys (typos) are errors instead of being ignored.
public struct YAMLNode {
    public let node: DocumentNode
    public let file: String
    /// Where the parent mapping's key is, for errors about a missing or null value.
    private let fallback: SourceLocation

    init(_ node: DocumentNode, file: String, fallback: SourceLocation) {
        self.node = node
        self.file = file
        self.fallback = fallback
    }

    /// Parses a whole document.
    ///
    /// - Throws: `LocatedError` for a syntax error, an empty document, or one that expands (through
    ///   aliases and merge keys) beyond `YAMLLimits`.
    public static func parse(_ text: String, file: String) throws -> YAMLNode {
        let start = SourceLocation(file: file, line: 1, column: 1)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw LocatedError(at: start, "the file is empty", hint: "expected a YAML mapping")
            }
            // Measured first: converting an alias or merge-key bomb would expand it.
            var limits = YAMLLimits()
            try limits.check(root, file: file, fallback: start)
            return YAMLNode(DocumentNode(root), file: file, fallback: start)
        } catch let error as YamlError {
            throw LocatedError.yaml(error, file: file, text: text)
        }
    }

    public var location: SourceLocation {
        guard let mark = node.mark else { return fallback }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// An error at this node.
    public func error(_ message: String, hint: String? = nil) -> LocatedError {
        LocatedError(at: location, message, hint: hint)
    }

    /// True for `null`, `~` or an empty plain value.
    public var isNull: Bool {
        guard case let .scalar(text, plain, _) = node, plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The scalar's text.
    public func string(_ what: String) throws -> String {
        guard case let .scalar(text, _, _) = node, !isNull else {
            throw error("\(what) must be a text value", hint: "write it as a single line or a quoted string")
        }
        return text
    }

    /// The scalar as a whole number.
    public func int(_ what: String) throws -> Int {
        let text = try string(what)
        guard let value = Int(text) else { throw error("\(what) must be a whole number, not \(quoted(text))") }
        return value
    }

    /// The scalar as `true`/`false` (also `yes`/`no`).
    public func bool(_ what: String) throws -> Bool {
        switch try string(what).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error("\(what) must be true or false, not \(quoted(other))")
        }
    }

    /// The scalar as one of an enumeration's raw values.
    public func oneOf<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ what: String) throws -> T
    where T.RawValue == String {
        let text = try string(what)
        if let value = T(rawValue: text) { return value }
        throw error(
            "unknown \(what) \(quoted(text))", hint: "expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    /// The items of a sequence; a single scalar counts as a sequence of one.
    public func sequence(_ what: String) throws -> [YAMLNode] {
        switch node {
        case let .sequence(items, _): return items.map { YAMLNode($0, file: file, fallback: location) }
        case .scalar where !isNull: return [self]
        case .scalar: return []
        default: throw error("\(what) must be a list")
        }
    }

    /// The node as a mapping with string keys.
    public func mapping(_ what: String) throws -> YAMLMapping {
        guard case let .mapping(mapping, _) = node else { throw error("\(what) must be a mapping of keys to values") }
        var entries: [YAMLMapping.Entry] = []
        var merged: [YAMLMapping.Entry] = []
        var seen: [String: SourceLocation] = [:]
        for (key, value) in mapping {
            let keyNode = YAMLNode(key, file: file, fallback: location)
            let name = try keyNode.string("a key")
            let valueNode = YAMLNode(value, file: file, fallback: keyNode.location)
            if name == "<<" {
                // A YAML merge key: the keys of the anchored mapping(s), unless written here.
                let sources = valueNode.node.isMapping ? [valueNode] : try valueNode.sequence("merge")
                for source in sources { merged += try source.mapping(what).entries }
                continue
            }
            if let first = seen[name] {
                throw keyNode.error("duplicate key \(quoted(name))", hint: "first given at \(first.line):\(first.column)")
            }
            seen[name] = keyNode.location
            entries.append(.init(key: name, keyLocation: keyNode.location, value: valueNode))
        }
        for entry in merged where seen[entry.key] == nil {
            seen[entry.key] = entry.keyLocation
            entries.append(entry)
        }
        return YAMLMapping(entries: entries, location: location, what: what)
    }
}

/// A YAML mapping read through `YAMLNode`.
public struct YAMLMapping {
    public struct Entry {
        public let key: String
        public let keyLocation: SourceLocation
        public let value: YAMLNode
    }

    public let entries: [Entry]
    public let location: SourceLocation
    /// What the mapping is, for messages ("role 'admin-server'").
    public let what: String

    /// The value of `key`, if present and not null.
    public subscript(key: String) -> YAMLNode? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value of `key`, present and not null.
    public func required(_ key: String) throws -> YAMLNode {
        if let value = self[key] { return value }
        throw LocatedError(at: location, "\(what) needs '\(key)'")
    }

    /// True if `key` is written, even as `null`.
    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// Fails on the first key not in `allowed`, suggesting the nearest allowed key.
    public func rejectUnknownKeys(_ allowed: [String]) throws {
        for entry in entries where !allowed.contains(entry.key) {
            let hint = Suggestion.nearest(entry.key, in: allowed, within: 2, containing: false).map { "did you mean '\($0)'?" }
                ?? "allowed keys: \(allowed.joined(separator: ", "))"
            throw LocatedError(at: entry.keyLocation, "unknown key \(quoted(entry.key)) in \(what)", hint: hint)
        }
    }
}

extension LocatedError {
    /// Converts a Yams syntax error into a located error; `text` turns a byte offset into line:col.
    static func yaml(_ error: YamlError, file: String, text: String) -> LocatedError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return LocatedError(
                at: SourceLocation(file: file, line: mark.line, column: mark.column), "YAML syntax: \(detail)")
        case let .reader(problem, offset, value, _):
            let what = (0..<0x20).contains(value) || value == 0x7F ? " (character 0x\(value < 0x10 ? "0" : "")\(String(value, radix: 16, uppercase: true)))" : ""
            guard let offset else { return LocatedError(file: file, "YAML: \(problem)\(what)") }
            return LocatedError(at: SourceLocation(file: file, offset: offset, in: text), "YAML: \(problem)\(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return LocatedError(
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return LocatedError(file: file, "YAML: \(error)")
        }
    }
}

extension DocumentNode {
    /// The Yams node as a document node: scalars keep their text and whether they were plain.
    init(_ node: Node) {
        let mark = node.mark.map { DocumentNode.Mark(line: $0.line, column: $0.column) }
        switch node {
        case let .scalar(scalar):
            self = .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any, mark: mark)
        case let .sequence(items):
            self = .sequence(items.map(DocumentNode.init), mark: mark)
        case let .mapping(pairs):
            self = .mapping(pairs.map { (DocumentNode($0.key), DocumentNode($0.value)) }, mark: mark)
        default:
            self = .scalar("", plain: true, mark: mark)
        }
    }
}
