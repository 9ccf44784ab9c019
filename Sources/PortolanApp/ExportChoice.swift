import PortolanCore
import PortolanRender

/// What the export chooser (`e`) offers: a figure in one of the export formats, or a report.
public enum ExportChoice: Hashable, Sendable, CustomStringConvertible {
    case figure(ExportFormat)
    case report(ReportFormat)

    /// Every choice, in the chooser's order: the figure formats, then the reports.
    public static let all: [ExportChoice] = ExportFormat.allCases.map(ExportChoice.figure) + ReportFormat.allCases.map(ExportChoice.report)

    /// The digit that picks the choice at `index` (1–9, then 0 for the tenth); nil past the tenth.
    public static func digit(for index: Int) -> Character? {
        switch index {
        case 0..<9: Character(String(index + 1))
        case 9: "0"
        default: nil
        }
    }

    /// The index a digit picks (`1` the first, `0` the tenth).
    public static func index(for digit: Int) -> Int { digit == 0 ? 9 : digit - 1 }

    /// The name the chooser shows: `svg`, `report (markdown)`.
    public var description: String {
        switch self {
        case let .figure(format): format.rawValue
        case let .report(format): "report (\(format.rawValue))"
        }
    }

    /// The file it writes for a schema: `ID.svg`, `ID.report.html`.
    public func fileName(_ schema: SchemaID) -> String {
        switch self {
        case let .figure(format): format.fileName(schema)
        case let .report(format): format.fileName(schema)
        }
    }
}
