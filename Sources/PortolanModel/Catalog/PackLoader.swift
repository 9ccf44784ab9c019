import Foundation

/// Reads one pack (a `pack.yaml` and the schema files it lists) into a validated `Pack`.
///
/// Every problem is reported with its `file:line:col`; the loader keeps going after a bad schema
/// file so that one run shows all of them.
public struct PackLoader: Sendable {
    /// Reads a file of the pack by its path relative to the pack's folder; `nil` if there is none.
    /// Throws a `LocatedError` for a file that exists but cannot be read as text (see `TextFile`).
    public typealias ReadFile = @Sendable (String) throws(LocatedError) -> String?

    /// How file names appear in messages: the relative path joined to this prefix.
    public let displayPrefix: String
    public let origin: String
    private let read: ReadFile

    public init(displayPrefix: String, origin: String, read: @escaping ReadFile) {
        self.displayPrefix = displayPrefix
        self.origin = origin
        self.read = read
    }

    /// Loads the pack.
    ///
    /// - Throws: `LoadErrors` with every problem found.
    public func load() throws(LoadErrors) -> Pack {
        let manifestPath = "pack.yaml"
        let manifestName = displayPrefix + manifestPath
        let manifestText: String
        do throws(LocatedError) {
            guard let text = try read(manifestPath) else {
                throw LocatedError(file: manifestName, "no pack.yaml", hint: "a pack is a folder with a pack.yaml that lists its schema files")
            }
            manifestText = text
        } catch {
            throw LoadErrors([error])
        }
        var errors: [LocatedError] = []
        do {
            let root = try YAMLNode.parse(manifestText, file: manifestName).mapping("pack.yaml")
            try root.rejectUnknownKeys(["id", "title", "document", "conventions", "schemas"])
            let id = PackID(try Self.identifier(root.required("id"), "pack id"))
            let title = try root.required("title").string("title")
            let document = try root["document"]?.string("document") ?? title
            var conventions: [Convention] = []
            if let conventionsFile = root["conventions"] {
                let path = try conventionsFile.string("conventions file")
                guard let text = try read(path) else {
                    throw conventionsFile.error("conventions file \(quoted(path)) not found in the pack's folder")
                }
                conventions = try ConventionReader.read(text, file: displayPrefix + path)
            }
            var schemas: [Schema] = []
            var seen: [SchemaID: SourceLocation] = [:]
            for item in try root.required("schemas").sequence("schemas") {
                let path = try item.string("schema file")
                let text: String?
                do throws(LocatedError) { text = try read(path) } catch {
                    errors.append(error)
                    continue
                }
                guard let text else {
                    errors.append(item.error("schema file \(quoted(path)) not found in the pack's folder"))
                    continue
                }
                do throws(LoadErrors) {
                    let reader = SchemaReader(pack: id, file: displayPrefix + path)
                    let (schema, idLocation) = try reader.read(text)
                    if let first = seen[schema.id] {
                        errors.append(LocatedError(at: idLocation, "duplicate schema id \(quoted(schema.id))", hint: "first defined at \(first)"))
                        continue
                    }
                    seen[schema.id] = idLocation
                    schemas.append(schema)
                } catch {
                    errors.append(contentsOf: error.errors)
                }
            }
            if errors.isEmpty {
                return Pack(id: id, title: title, document: document, origin: origin, schemas: schemas, conventions: conventions)
            }
        } catch let error as LocatedError {
            errors.insert(error, at: 0)
        } catch {
            errors.insert(LocatedError(file: manifestName, "\(error)"), at: 0)
        }
        throw LoadErrors(errors)
    }

    /// An id made of lower-case letters, digits, dots and dashes.
    static func identifier(_ node: YAMLNode, _ what: String) throws -> String {
        let text = try node.string(what)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-.")
        guard !text.isEmpty, text.allSatisfy(allowed.contains) else {
            throw node.error("\(what) \(quoted(text)) may hold only lower-case letters, digits, '.' and '-'")
        }
        return text
    }
}

/// Reads the conventions table.
package enum ConventionReader {
    package static func read(_ text: String, file: String) throws -> [Convention] {
        let root = try YAMLNode.parse(text, file: file).mapping("conventions file")
        try root.rejectUnknownKeys(["conventions"])
        return try root.required("conventions").sequence("conventions").map { item in
            let entry = try item.mapping("convention")
            try entry.rejectUnknownKeys(["icon", "meaning", "depicts"])
            let depicts = try entry.required("depicts")
            return Convention(
                icon: try entry.required("icon").string("icon"),
                meaning: try entry.required("meaning").string("meaning"),
                symbol: try symbol(depicts))
        }
    }

    private static func symbol(_ node: YAMLNode) throws -> Convention.Symbol {
        let text = try node.string("depicts")
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("process", 1): return .process
        case ("port-label", 1): return .portLabel
        case ("dmz-boundary", 1): return .dmzBoundary
        case ("role", 2):
            if let kind = RoleKind(rawValue: parts[1]) { return .role(kind) }
            throw node.error("unknown role kind \(quoted(parts[1]))", hint: "expected one of: \(RoleKind.allCases.map(\.rawValue).joined(separator: ", "))")
        case ("link", 2):
            if let kind = LinkKind(rawValue: parts[1]) { return .link(kind) }
            throw node.error("unknown link kind \(quoted(parts[1]))", hint: "expected one of: \(LinkKind.allCases.map(\.rawValue).joined(separator: ", "))")
        default:
            throw node.error("cannot tell what \(quoted(text)) depicts", hint: "write 'role KIND', 'link KIND', 'process', 'port-label' or 'dmz-boundary'")
        }
    }
}

extension PackLoader {
    /// Loads a pack folder, or every pack folder directly inside `directory`, in name order: user packs
    /// (`--catalog`) and, at build time, the built-in ones. Every problem of every pack is collected.
    ///
    /// - Parameter origin: what a pack says it came from; by default its folder's path.
    /// - Throws: `LoadErrors` if the folder is missing or holds no pack, or with every problem found.
    public static func packs(in directory: String, origin: ((String) -> String)? = nil) throws(LoadErrors) -> [Pack] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadErrors([LocatedError(file: directory, "no such folder", hint: "--catalog takes a pack folder (with a pack.yaml) or a folder of pack folders")])
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let folders: [String]
        if fileManager.fileExists(atPath: base + "pack.yaml") {
            folders = [base]
        } else {
            let children = ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            folders = children.map { base + $0 + "/" }.filter { fileManager.fileExists(atPath: $0 + "pack.yaml") }
        }
        guard !folders.isEmpty else {
            throw LoadErrors([LocatedError(file: directory, "holds no pack", hint: "a pack is a folder with a pack.yaml; put it here or in a subfolder")])
        }
        var packs: [Pack] = []
        var errors: [LocatedError] = []
        for folder in folders {
            let loader = PackLoader(displayPrefix: folder, origin: origin?(folder) ?? String(folder.dropLast())) { path throws(LocatedError) in
                try TextFile.readIfPresent(folder + path)
            }
            do throws(LoadErrors) { packs.append(try loader.load()) } catch { errors += error.errors }
        }
        if !errors.isEmpty { throw LoadErrors(errors) }
        return packs
    }
}
