import ArgumentParser
import Foundation
import PortolanCore
import PortolanLab
import PortolanRender

struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe the documented arrows of a topology's hosts (TCP, UDP, TLS), one round, from each arrow's initiator.",
        discussion: """
            Every responder host × its arrow's port is probed once: TCP connect, a UDP datagram, and a TLS \
            handshake on open ports of arrows the documents mark TLS yes (or no: the port must not answer TLS). \
            Each arrow is probed from the vantage point the topology binds to its initiating role: portolan starts \
            that point's command (an argument vector such as [ip, netns, exec, dmz, portolan, agent], run \
            without a shell) and sends it the requests. Arrows whose initiator has no vantage point are probed \
            from this machine, and the output says so ("from here, not from the initiator"). A vantage point \
            that fails to start or dies leaves its arrows `unknown`; they are never probed from here instead.

            --targets FILE probes raw lines 'tcp|udp HOST PORT' instead (for scripts and benchmarks).

            Exit status: 0 when every arrow is in its expected state (TCP open with its documented TLS verdict, \
            UDP open or open|filtered), 1 when not, 2 for usage or file errors.
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "The topology file (YAML; see examples/topologies).") var topology: String?
    @Option(help: ArgumentHelp("Probe the targets listed in FILE (lines 'tcp|udp HOST PORT') instead of a topology.", valueName: "FILE"))
    var targets: String?
    @Option(help: "Only this schema's arrows; repeatable.") var schema: [String] = []
    @Flag(help: "Print one JSON document: {topology, started, vantage_note, vantages, results}.") var json = false
    @Flag(name: .customLong("json-lines"), help: "Print one JSON result object per line (the objects `portolan agent` streams).")
    var jsonLines = false
    @Option(help: ArgumentHelp("The longest wait per attempt, in milliseconds (the topology's, else 1000).", valueName: "MS"))
    var timeout: Int?
    @Option(help: ArgumentHelp("The most probes in flight (clamped to the file-descriptor limit).", valueName: "N"))
    var concurrency: Int?
    @Option(help: ArgumentHelp("Extra attempts after silence.", valueName: "N")) var retries: Int?
    @Flag(help: "Print wall time, probes/s and peak RSS to standard error.") var stats = false
    @OptionGroup var limit: TargetLimitOptions
    @Option(help: ArgumentHelp(
        "After the round, write a report (figures in the live states, legend, every arrow; problems first) to FILE: Markdown for .md, self-contained HTML for .html.",
        valueName: "FILE"))
    var report: String?

    func validate() throws {
        guard (topology == nil) != (targets == nil) else {
            throw ValidationError("give a topology file or --targets FILE, not both and not neither")
        }
        if targets != nil, !schema.isEmpty { throw ValidationError("--schema applies to a topology, not to --targets") }
        if json, jsonLines { throw ValidationError("--json and --json-lines exclude each other") }
        if let timeout, !(1...600_000).contains(timeout) { throw ValidationError("--timeout must be within 1...600000 ms") }
        if let concurrency, !(1...65_536).contains(concurrency) { throw ValidationError("--concurrency must be within 1...65536") }
        if let retries, !(0...10).contains(retries) { throw ValidationError("--retries must be within 0...10") }
        if let report {
            guard targets == nil else { throw ValidationError("--report applies to a topology, not to --targets") }
            guard ReportFormat(path: report) != nil else {
                throw ValidationError("--report \(report): unknown extension; name a file ending in .md (Markdown) or .html (HTML)")
            }
        }
    }

    func run() async throws {
        let started = Date()
        let clock = ContinuousClock()
        let begin = clock.now
        // A report's folder is checked before the round, not after it.
        if let report { try OutputFile.checkFolder(of: report) }
        let overrides = ProbeSettings.Overrides(timeoutMilliseconds: timeout, concurrency: concurrency, retries: retries)
        let run: ProbeRun
        if let targets {
            run = try await ProbeRun.targets(targets, overrides: overrides, maximumTargets: limit.maxTargets)
        } else {
            let loaded = try catalog.load()
            let only = try schema.map { try catalog.schema($0, in: loaded).id }
            run = try await ProbeRun.topology(topology ?? "", catalog: loaded, only: only, overrides: overrides, maximumTargets: limit.maxTargets)
        }
        let probed = clock.now
        let checked = CertificateWarnings.apply(to: run.results, now: Date(), days: run.settings.expiryWarningDays)
        if let report, let format = ReportFormat(path: report) {
            let written = try run.writeReport(format, results: checked, to: report)
            FileHandle.standardError.write(Data("report written to \(written)\n".utf8))
        }
        if json {
            try ProbeReportJSON.stream(topology: run.name, started: started, results: checked, vantages: run.vantages, emit: emit)
        } else if jsonLines {
            try ProbeResultJSON.streamLines(checked, emit: emit)
        } else {
            emit(ProbeTableView(results: checked, topology: run.name, vantages: run.vantages, skipped: run.skipped).render(width: outputWidth()))
        }
        if stats {
            let report = ProbeStats(count: run.results.count, elapsed: clock.now - begin, probing: run.probing, output: clock.now - probed)
            FileHandle.standardError.write(Data(report.line.utf8))
        }
        if !checked.allSatisfy(\.isExpected) { throw ExitCode.failure }
    }
}
