import ArgumentParser
import PortolanCore
import PortolanRender

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one schema: its roles and numbered arrows with ports, TLS and purposes.")

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "The schema's id (see 'portolan schemas').") var id: String
    @Flag(help: "Print the schema as a JSON object.") var json = false

    func run() throws {
        let schema = try catalog.schema(id, in: catalog.load())
        emit(json ? try JSONOutput.string(SchemaJSON(schema)) : SchemaTextView(schema: schema).render(width: outputWidth()))
    }
}
