import ArgumentParser
import Foundation
import PortolanCore
import PortolanWatch

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Probe a topology's arrows in rounds, unattended: Prometheus metrics, state and events over HTTP.",
        discussion: """
            Runs a round of probes every --interval seconds (as `portolan probe` does, each arrow from its \
            initiator's vantage point) until SIGINT or SIGTERM, or for --rounds rounds. Serves on --listen \
            (127.0.0.1:9470 by default; another address only when given): /metrics in the Prometheus text \
            format, /api/v1/state (the latest round as `probe --json` prints it), /api/v1/events (Server-Sent \
            Events of state changes) and /healthz. --web-config FILE adds TLS and basic auth in the format \
            Prometheus's exporters use (tls_server_config, basic_auth_users with bcrypt hashes).

            Every state change is written as one JSON line to --events (a file, or - for standard output): \
            time, schema, label, from, to, host, address, port, protocol, old, new, reason, vantage. Log lines \
            go to standard error as logfmt or JSON (--log-format). SIGHUP re-reads the topology; a broken file \
            is logged with file:line:col and the previous topology goes on.

            Exit status: 0 after a graceful stop or --rounds rounds, 2 for usage or input errors.
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "The topology file (YAML; see examples/topologies).") var topology: String
    @Option(help: "Only this schema's arrows; repeatable.") var schema: [String] = []
    @Option(help: ArgumentHelp("Seconds from the start of one round to the start of the next.", valueName: "S")) var interval: Double = 30
    @Option(help: ArgumentHelp("Where the HTTP endpoint listens (port 0: any free port, logged at start).", valueName: "ADDR:PORT"))
    var listen: String = ListenAddress.standard.description
    @Option(help: ArgumentHelp("Append every state change as a JSON line to FILE (- for standard output).", valueName: "FILE|-"))
    var events: String?
    @Option(help: ArgumentHelp("Stop after N rounds.", valueName: "N")) var rounds: Int?
    @Option(name: .customLong("log-format"), help: "Log lines as logfmt or json.") var logFormat: String = "logfmt"
    @Option(name: .customLong("web-config"), help: ArgumentHelp("An exporter web-config file: TLS and basic auth.", valueName: "FILE"))
    var webConfig: String?
    @Option(name: .customLong("state-series"), help: ArgumentHelp(
        "The portolan_arrow_state series (seven per probe): on, off, or auto (on for rounds of at most \(StateSeries.automaticLimit) probes).",
        valueName: "auto|on|off"))
    var stateSeries: String = StateSeries.auto.rawValue
    @OptionGroup var limit: TargetLimitOptions

    func validate() throws {
        guard (0.2...86_400).contains(interval) else { throw ValidationError("--interval must be within 0.2...86400 seconds") }
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        guard WatchConfiguration.LogFormat(rawValue: logFormat) != nil else { throw ValidationError("--log-format must be logfmt or json") }
        guard StateSeries(rawValue: stateSeries) != nil else { throw ValidationError("--state-series must be auto, on or off") }
        do { _ = try ListenAddress(parsing: listen) } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        let loaded = try catalog.load()
        let only = try schema.map { try catalog.schema($0, in: loaded).id }
        let format = WatchConfiguration.LogFormat(rawValue: logFormat) ?? .logfmt
        let configuration = WatchConfiguration(
            topologyPath: topology, only: only, interval: .milliseconds(Int(interval * 1000)), listen: try ListenAddress(parsing: listen),
            eventsPath: events, rounds: rounds, logFormat: format, webConfigPath: webConfig,
            maximumTargets: limit.maxTargets, stateSeries: StateSeries(rawValue: stateSeries) ?? .auto)
        do {
            try await Watch(configuration: configuration, catalog: loaded, logger: Watch.logger(format: format)).run()
        } catch let failure as WatchFailure {
            throw CommandFailure(message: failure.message)
        } catch let failure as EventFile.Failure {
            throw CommandFailure(message: failure.description)
        }
    }
}
