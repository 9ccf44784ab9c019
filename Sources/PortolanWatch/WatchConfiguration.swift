import Foundation
import PortolanCore

/// Everything `portolan watch` was asked to do, read from its flags by the CLI.
public struct WatchConfiguration: Sendable {
    /// How log lines are written.
    public enum LogFormat: String, Sendable, CaseIterable {
        /// `time=… level=info msg="…" key=value`, one line each.
        case logfmt
        /// One JSON object a line.
        case json
    }

    /// The topology file; re-read on SIGHUP.
    public var topologyPath: String
    /// The schemas to watch (empty: the topology's own choice).
    public var only: [SchemaID]
    public var interval: Duration
    public var listen: ListenAddress
    /// A file to append events to, `-` for standard output, `nil` for none.
    public var eventsPath: String?
    /// Stop after this many rounds; `nil`: until a signal.
    public var rounds: Int?
    public var logFormat: LogFormat
    /// The exporter web-config file (TLS, basic auth).
    public var webConfigPath: String?
    /// The most targets the topology may bind, at start and on every reload (`--max-targets`).
    public var maximumTargets: Int
    /// Whether `/metrics` has the `portolan_arrow_state` state set (`--state-series`).
    public var stateSeries: StateSeries

    public init(
        topologyPath: String, only: [SchemaID] = [], interval: Duration = .seconds(30), listen: ListenAddress = .standard,
        eventsPath: String? = nil, rounds: Int? = nil, logFormat: LogFormat = .logfmt,
        webConfigPath: String? = nil, maximumTargets: Int = TopologyReader.defaultMaximumTargets, stateSeries: StateSeries = .auto
    ) {
        self.topologyPath = topologyPath
        self.only = only
        self.interval = interval
        self.listen = listen
        self.eventsPath = eventsPath
        self.rounds = rounds
        self.logFormat = logFormat
        self.webConfigPath = webConfigPath
        self.maximumTargets = maximumTargets
        self.stateSeries = stateSeries
    }
}
