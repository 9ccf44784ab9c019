import ArgumentParser
import PortolanCore
import PortolanRender

struct SchemasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas", abstract: "List the schemas: id, title, pack, kind and number of arrows.")

    @OptionGroup var catalog: CatalogOptions
    @Flag(help: "Print a JSON array of schema objects (the same objects 'show --json' prints).")
    var json = false

    func run() throws {
        let loaded = try catalog.load()
        if json {
            emit(try JSONOutput.string(loaded.schemas.map(SchemaJSON.init)))
        } else {
            emit(SchemaListView(schemas: loaded.schemas).render(width: outputWidth()))
        }
    }
}
