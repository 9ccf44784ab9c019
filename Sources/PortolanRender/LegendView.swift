import PortolanCore

/// The conventions table `portolan legend` prints.
public struct LegendView: Sendable {
    public var conventions: [Convention]

    public init(conventions: [Convention]) { self.conventions = conventions }

    public func render() -> String {
        TextTable(
            header: ["MEANING", "DEPICTS", "ICON IN THE DOCUMENTS"],
            rows: conventions.map { [$0.meaning, $0.symbol.name, $0.icon] }
        ).render()
    }
}
