import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// The in-process half of `portolan bench`: how big and legible each built-in figure is at each level, how
/// long layout and every export format take, and the synthetic topology. Times are the best of `runs`.
public struct LayoutBench: Sendable {
    /// Runs per measurement; the best is reported.
    public var runs: Int

    public init(runs: Int) { self.runs = max(1, runs) }

    /// Per schema: the size at each level, and of the default figure its level, crossings, bends, empty rows
    /// and layout time; a last row sums the layout times.
    ///
    /// - Throws: `LayoutError` if a built-in schema cannot be laid out.
    public func figures(_ schemas: [Schema]) throws -> TextTable {
        var table = TextTable(header: ["SCHEMA", "FULL", "COMPACT", "OVERVIEW", "DEFAULT", "CROSSINGS", "BENDS", "EMPTY ROWS", "LAYOUT"])
        var total = Duration.zero
        for schema in schemas {
            var sizes: [String] = []
            for level in DetailLevel.allCases {
                let diagram = try DiagramLayout.make(schema, detail: level)
                sizes.append("\(diagram.width)x\(diagram.height)")
            }
            var diagram: Diagram?
            let time = try best { diagram = try DiagramLayout.make(schema) }
            guard let diagram else { continue }
            total += time
            let stats = DiagramStats(diagram)
            let goal = (DiagramLayout.defaultWidth(for: schema.kind), DiagramLayout.defaultHeight(for: schema.kind))
            let fits = stats.width <= goal.0 && stats.height <= goal.1 ? "" : " (over \(goal.0)x\(goal.1))"
            table.rows.append(
                [schema.id.rawValue] + sizes + [
                    "\(diagram.detail) \(stats.width)x\(stats.height)\(fits)", "\(stats.crossings)", "\(stats.bends)",
                    "\(Int((stats.emptyRowFraction * 100).rounded())) %", Self.milliseconds(time),
                ])
        }
        table.rows.append(["all \(schemas.count)", "", "", "", "", "", "", "", Self.milliseconds(total)])
        return table
    }

    /// Every export format of every built-in schema, laid out at run time as `export all` lays them out (in
    /// parallel, `DiagramLayout.makeAll`; never the build-time figures) and rendered.
    ///
    /// - Throws: `LayoutError` or an exporter's error.
    public func formats(_ schemas: [Schema]) throws -> TextTable {
        let exporter = Exporter()
        var table = TextTable(header: ["WHAT", "FORMAT", "BEST OF \(runs)", "GOAL"])
        for format in ExportFormat.allCases {
            let time = try best {
                for diagram in try DiagramLayout.makeAll(schemas) { _ = try exporter.render(diagram, as: format) }
            }
            let goal = format == .unicode ? "≤ 100 ms " + (time <= .milliseconds(100) ? "(met)" : "(MISSED)") : ""
            table.rows.append(["\(schemas.count) built-in schemas", format.rawValue, Self.milliseconds(time), goal])
        }
        return table
    }

    /// The synthetic topology laid out, rendered and checked (the check outside the timing: a fast figure
    /// that breaks the invariants is no figure). The time is `nil` when it failed or broke an invariant.
    public func synthetic(_ schema: Schema) -> (time: Duration?, table: TextTable) {
        var table = TextTable(header: ["WHAT", "FORMAT", "BEST OF \(runs)", "GOAL"])
        let what = "synthetic \(schema.roles.count) roles, \(schema.connections.count) connections"
        var laidOut: Diagram?
        do {
            let time = try best {
                let diagram = try DiagramLayout.make(schema)
                laidOut = diagram
                _ = try Exporter().render(diagram, as: .unicode)
            }
            let broken = laidOut.map(DiagramCheck.violations) ?? []
            let size = laidOut.map { " (\($0.width)x\($0.height))" } ?? ""
            let goal = "≤ 1 s " + (time <= .seconds(1) && broken.isEmpty ? "(met)" : "(MISSED)")
            let check = broken.isEmpty ? "checked" : "\(broken.count) invariants broken, e.g. \(broken[0])"
            table.rows.append([what + size, "unicode", Self.milliseconds(time), goal + ", " + check])
            return (broken.isEmpty ? time : nil, table)
        } catch {
            table.rows.append([what, "unicode", "failed", "≤ 1 s (MISSED): \(error)"])
            return (nil, table)
        }
    }

    private func best(_ body: () throws -> Void) throws -> Duration {
        var best: Duration?
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            best = min(best ?? elapsed, elapsed)
        }
        return best ?? .zero
    }

    /// `12.3 ms`.
    public static func milliseconds(_ duration: Duration) -> String {
        "\((duration.milliseconds * 10).rounded() / 10) ms"
    }
}
