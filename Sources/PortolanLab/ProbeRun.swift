import Foundation
import PortolanCore
import PortolanFigures
import PortolanLayout
import PortolanProbe
import PortolanRender

/// One round of `portolan probe`: a topology's arrows, each from its initiator's vantage point, or the
/// raw targets of a `--targets` file from here.
public struct ProbeRun: Sendable {
    /// The topology's name, or the targets file's path.
    public var name: String
    public var results: [ProbeResult]
    /// The settings the round ran with (the topology's, with the command line's overrides).
    public var settings: ProbeSettings
    /// The vantage points after the round (none for a targets file).
    public var vantages: [VantageStatus]
    /// Arrows no probe covers: no port, COM, or responder not bound.
    public var skipped: Int
    /// The time spent probing, without reading files or starting anything.
    public var probing: Duration
    /// The schemas whose arrows were probed, in the plan's order (none for a targets file).
    public var schemas: [Schema]

    /// Probes every line (`tcp|udp HOST PORT`) of the targets file at `path` from this machine.
    ///
    /// - Throws: `LocatedError` for a file that cannot be read or a line that does not parse.
    public static func targets(_ path: String, overrides: ProbeSettings.Overrides, maximumTargets: Int) async throws -> ProbeRun {
        let list = try TargetListReader.read(try TextFile.read(path, what: "targets file"), file: path, maximumTargets: maximumTargets)
        let settings = overrides.applied(to: ProbeSettings())
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = await TopologyRound.prober(for: settings).probe(list)
        let probing = clock.now - start
        let results = zip(list, outcomes).map { ProbeResult(arrow: nil, target: $0, outcome: $1) }
        return ProbeRun(name: path, results: results, settings: settings, vantages: [], skipped: 0, probing: probing, schemas: [])
    }

    /// Probes the watched arrows (of `only`, if not empty) of the topology file at `path`, then shuts its
    /// vantage points down.
    ///
    /// - Throws: `LocatedError`/`LoadErrors` for a broken topology, `CommandFailure` when it binds nothing to probe.
    public static func topology(
        _ path: String, catalog: Catalog, only: [SchemaID], overrides: ProbeSettings.Overrides, maximumTargets: Int
    ) async throws -> ProbeRun {
        let bound = try TopologyReader(catalog: catalog, maximumTargets: maximumTargets).read(file: path)
        let plan = try ProbePlan(topology: bound, catalog: catalog, only: only)
        let settings = overrides.applied(to: bound.probe)
        let round = TopologyRound(plan: plan, settings: settings, topology: bound)
        let clock = ContinuousClock()
        let start = clock.now
        let results = await round.run()
        let probing = clock.now - start
        let vantages = await round.vantages.statuses()
        await round.vantages.shutdown()
        return ProbeRun(
            name: bound.name, results: results, settings: settings, vantages: vantages, skipped: plan.skipped.count, probing: probing,
            schemas: plan.schemas.compactMap(catalog.schema))
    }

    /// Writes `probe --report` to `path`: one section per schema probed, each figure at the default level of
    /// detail, coloured by `results` (the round's, with their certificate warnings); returns the file's full path.
    ///
    /// - Throws: `LayoutError`, or `LocatedError` for a file that cannot be written.
    public func writeReport(_ format: ReportFormat, results: [ProbeResult], to path: String, now: Date = Date()) throws -> String {
        let sections = try BuiltinFigures.layoutAll(schemas).map { Report.Section(diagram: $0, results: results) }
        let report = Report(
            topology: name, time: now, machine: Report.localMachine, vantageNote: VantageNote.text(results), vantages: vantages,
            sections: sections)
        try OutputFile.write(report.render(format), to: path)
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
