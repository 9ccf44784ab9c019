import ArgumentParser
import Foundation
import PortolanCore
import PortolanLab
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

/// Prints to standard output (`StandardOutput.write`); a failed write ends the process with a message and
/// status 2.
func emit(_ text: String) {
    do { try StandardOutput.write(text) } catch { Portolan.exit(with: error) }
}

/// The columns text tables may take (`OutputColumns`): `$COLUMNS`, else the terminal's width, else no limit.
func outputWidth() -> Int? { OutputColumns.current() }
