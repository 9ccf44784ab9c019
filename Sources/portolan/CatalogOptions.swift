import ArgumentParser
import Foundation
import PortolanCore
import PortolanModel
import PortolanTerminal

/// `--catalog DIR` and the user's pack folder, shared by every command that reads schemas.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .customLong("catalog"),
        help: ArgumentHelp(
            "A pack folder (with a pack.yaml) or a folder of packs to load beside the built-in ones; repeatable.",
            valueName: "DIR"))
    var directories: [String] = []

    @Flag(help: "Do not load the packs in the user's config folder ($XDG_CONFIG_HOME/portolan/packs).")
    var noUserPacks = false

    /// The same choice as a plain value (what `QuickExport` gives without ArgumentParser).
    var choice: CatalogChoice { CatalogChoice(directories: directories, noUserPacks: noUserPacks) }

    func load() throws -> Catalog { try choice.load() }

    func schema(_ id: String, in catalog: Catalog) throws -> Schema { try choice.schema(id, in: catalog) }
}

/// Which packs to load: the built-in ones, the user's config folder unless `noUserPacks`, and every
/// `--catalog` folder.
struct CatalogChoice: Equatable {
    var directories: [String] = []
    var noUserPacks = false

    /// The built-in packs, the user's config folder (if it exists) and every `--catalog` folder.
    func load() throws -> Catalog {
        var folders: [String] = []
        if !noUserPacks, let user = Catalog.userPackDirectory(), FileManager.default.fileExists(atPath: user) {
            folders.append(user)
        }
        return try Catalog.load(adding: folders + directories)
    }

    /// The schema with `id`, or a failure that lists the ids there are.
    func schema(_ id: String, in catalog: Catalog) throws -> Schema {
        if let schema = catalog.schema(SchemaID(id)) { return schema }
        let hint = Suggestion.nearest(id, in: catalog.schemas.map(\.id.rawValue)).map { "did you mean '\($0)'?" }
            ?? "run 'portolan schemas' to list them"
        throw CommandFailure("no schema '\(id)' (\(hint))")
    }
}

/// Prints to standard output without buffering surprises: every byte, with write(2) (no `Data` copy). A
/// failed write (a full disk, a closed descriptor) ends the process with a message and status 2, where
/// `FileHandle.write` crashed.
func emit(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var rest = UnsafeRawBufferPointer(bytes)
        while !rest.isEmpty {
            let written = write(STDOUT_FILENO, rest.baseAddress, rest.count)
            guard written >= 0 else {
                if errno == EINTR { continue }
                Portolan.exit(with: CommandFailure("cannot write to standard output: \(TextFile.reason(errno))"))
            }
            rest = UnsafeRawBufferPointer(rebasing: rest[written...])
        }
    }
}

/// The columns text tables may take (`OutputColumns`): `$COLUMNS`, else the terminal's width, else no limit.
func outputWidth() -> Int? { OutputColumns.current() }
