import ArgumentParser
import PortolanCore
import PortolanRender

struct LegendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "legend", abstract: "The conventions used in the interaction schemas, and the dashboard's live states.")

    @OptionGroup var catalog: CatalogOptions
    @Flag(help: "Print the conventions as a JSON array.") var json = false

    func run() throws {
        let conventions = try catalog.load().conventions
        let entries = conventions.map(ConventionJSON.init) + LinkHealth.allCases.map(ConventionJSON.init(live:))
        emit(json ? try JSONOutput.string(entries) : LegendView(conventions: conventions).render(width: outputWidth()))
    }
}
