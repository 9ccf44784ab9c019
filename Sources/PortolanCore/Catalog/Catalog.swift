import Foundation
import PortolanPacks

/// Every schema portolan knows: the built-in packs and the user's own.
public struct Catalog: Sendable {
    public private(set) var packs: [Pack]

    public init(packs: [Pack]) { self.packs = packs }

    /// All schemas, pack by pack, in each pack's order.
    public var schemas: [Schema] { packs.flatMap(\.schemas) }

    /// The conventions of every pack that defines them, in pack order.
    public var conventions: [Convention] { packs.flatMap(\.conventions) }

    /// The schema with this id.
    public func schema(_ id: SchemaID) -> Schema? { schemas.first { $0.id == id } }

    /// The packs compiled into the binary, read and checked at build time (`PackEmbedder`): loading them
    /// parses no YAML and checks nothing again.
    public static func builtin() -> Catalog {
        Catalog(packs: BuiltinPacks.all.sorted { packOrder($0.id.rawValue, $1.id.rawValue) })
    }

    /// Newest documents first: `ksc-13.1` before `kak-6.0`.
    private static func packOrder(_ a: String, _ b: String) -> Bool {
        (a.hasPrefix("ksc") ? 0 : 1, a) < (b.hasPrefix("ksc") ? 0 : 1, b)
    }

    /// The built-in packs plus the packs in `directories` (each a pack folder or a folder of pack folders).
    ///
    /// - Throws: `LoadErrors` naming file:line:col of every problem, including a schema id that two packs share.
    public static func load(adding directories: [String]) throws(LoadErrors) -> Catalog {
        var catalog = builtin()
        var errors: [LocatedError] = []
        for directory in directories {
            do throws(LoadErrors) {
                for pack in try loadPacks(in: directory) { try catalog.add(pack) }
            } catch {
                errors += error.errors
            }
        }
        if !errors.isEmpty { throw LoadErrors(errors) }
        return catalog
    }

    /// Adds a pack.
    ///
    /// - Throws: `LoadErrors` if the pack's id or one of its schema ids is taken.
    public mutating func add(_ pack: Pack) throws(LoadErrors) {
        if let other = packs.first(where: { $0.id == pack.id }) {
            throw LoadErrors([LocatedError(file: pack.origin, "pack id \(quoted(pack.id)) is already used by \(other.origin)", hint: "give the pack another id")])
        }
        let clashes = pack.schemas.compactMap { schema in
            self.schema(schema.id).map { existing in
                LocatedError(
                    file: pack.origin, "schema id \(quoted(schema.id)) is already used by pack \(quoted(existing.pack))",
                    hint: "give the schema another id")
            }
        }
        if !clashes.isEmpty { throw LoadErrors(clashes) }
        packs.append(pack)
    }

    /// Loads a pack folder, or every pack folder directly inside `directory` (`PackLoader.packs(in:)`).
    ///
    /// - Throws: `LoadErrors` if the folder is missing or holds no pack.
    public static func loadPacks(in directory: String) throws(LoadErrors) -> [Pack] {
        try PackLoader.packs(in: directory)
    }

    /// The user's own pack folder: `$XDG_CONFIG_HOME/portolan/packs` or `~/.config/portolan/packs`.
    /// Without `environment`, the process's own variables, read one by one with `getenv`
    /// (`ProcessInfo.environment` copies every variable into a dictionary: 4 % of a whole `export`).
    public static func userPackDirectory(environment: [String: String]? = nil) -> String? {
        func variable(_ name: String) -> String? {
            guard let environment else { return getenv(name).map { String(cString: $0) } }
            return environment[name]
        }
        if let config = variable("XDG_CONFIG_HOME"), !config.isEmpty { return config + "/portolan/packs" }
        if let home = variable("HOME"), !home.isEmpty { return home + "/.config/portolan/packs" }
        return nil
    }
}
