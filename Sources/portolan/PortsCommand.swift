import ArgumentParser
import PortolanCore
import PortolanRender

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
        emit(json ? try JSONOutput.string(rows.map(TrafficRowJSON.init)) : TrafficTableView(rows: rows).render(width: outputWidth()))
    }
}
