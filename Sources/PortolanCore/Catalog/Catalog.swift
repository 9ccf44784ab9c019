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

    /// Loads a pack folder, or every pack folder directly inside `directory`.
    ///
    /// - Throws: `LoadErrors` if the folder is missing or holds no pack.
    public static func loadPacks(in directory: String) throws(LoadErrors) -> [Pack] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadErrors([LocatedError(file: directory, "no such folder", hint: "--catalog takes a pack folder (with a pack.yaml) or a folder of pack folders")])
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if fileManager.fileExists(atPath: base + "pack.yaml") {
            return [try loadPack(folder: base)]
        }
        let children = ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        let folders = children.map { base + $0 + "/" }.filter { fileManager.fileExists(atPath: $0 + "pack.yaml") }
        guard !folders.isEmpty else {
            throw LoadErrors([LocatedError(file: directory, "holds no pack", hint: "a pack is a folder with a pack.yaml; put it here or in a subfolder")])
        }
        var packs: [Pack] = []
        var errors: [LocatedError] = []
        for folder in folders {
            do throws(LoadErrors) { packs.append(try loadPack(folder: folder)) } catch { errors += error.errors }
        }
        if !errors.isEmpty { throw LoadErrors(errors) }
        return packs
    }

    private static func loadPack(folder: String) throws(LoadErrors) -> Pack {
        let loader = PackLoader(displayPrefix: folder, origin: String(folder.dropLast())) { path throws(LocatedError) in
            try TextFile.readIfPresent(folder + path)
        }
        return try loader.load()
    }

    /// The user's own pack folder: `$XDG_CONFIG_HOME/portolan/packs` or `~/.config/portolan/packs`.
    public static func userPackDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/portolan/packs" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/portolan/packs" }
        return nil
    }
}
