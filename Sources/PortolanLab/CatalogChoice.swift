import Foundation
import PortolanCore

/// Which packs to load: the built-in ones, the user's config folder unless `noUserPacks`, and every
/// `--catalog` folder.
public struct CatalogChoice: Equatable, Sendable {
    public var directories: [String]
    public var noUserPacks: Bool

    public init(directories: [String] = [], noUserPacks: Bool = false) {
        self.directories = directories
        self.noUserPacks = noUserPacks
    }

    /// The built-in packs, the user's config folder (if it exists) and every `--catalog` folder.
    public func load() throws -> Catalog {
        var folders: [String] = []
        if !noUserPacks, let user = Catalog.userPackDirectory(), FileManager.default.fileExists(atPath: user) {
            folders.append(user)
        }
        return try Catalog.load(adding: folders + directories)
    }

    /// The schema with `id`, or a failure that lists the ids there are.
    public func schema(_ id: String, in catalog: Catalog) throws -> Schema {
        if let schema = catalog.schema(SchemaID(id)) { return schema }
        let hint = Suggestion.nearest(id, in: catalog.schemas.map(\.id.rawValue)).map { "did you mean '\($0)'?" }
            ?? "run 'portolan schemas' to list them"
        throw CommandFailure("no schema '\(id)' (\(hint))")
    }
}
