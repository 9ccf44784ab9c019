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
        emit(json ? try JSONOutput.string(SchemaJSON(schema)) : SchemaTextView(schema: schema).render())
    }
}

struct PortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ports",
        abstract: "The consolidated traffic table: device, port, process, protocol, TLS, purpose, schemas.")

    @OptionGroup var catalog: CatalogOptions
    @Option(help: "Only this schema's arrows; repeatable.") var schema: [String] = []
    @Flag(help: "Print the rows as a JSON array.") var json = false

    func run() throws {
        let loaded = try catalog.load()
        let schemas = try schema.isEmpty ? loaded.schemas : schema.map { try catalog.schema($0, in: loaded) }
        let rows = TrafficTable.rows(for: schemas)
        emit(json ? try JSONOutput.string(rows.map(TrafficRowJSON.init)) : TrafficTableView(rows: rows).render())
    }
}

struct LegendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "legend", abstract: "The conventions used in the interaction schemas, and the dashboard's live states.")

    @OptionGroup var catalog: CatalogOptions
    @Flag(help: "Print the conventions as a JSON array.") var json = false

    func run() throws {
        let conventions = try catalog.load().conventions
        let entries = conventions.map(ConventionJSON.init) + LinkHealth.allCases.map(ConventionJSON.init(live:))
        emit(json ? try JSONOutput.string(entries) : LegendView(conventions: conventions).render())
    }
}
