import Foundation
import Hummingbird
import Logging
import PortolanCore
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `portolan watch`: the watcher and its HTTP endpoint as one service group, stopped gracefully by
/// SIGINT or SIGTERM (the round in flight ends, files are flushed, event streams close) or after
/// `--rounds` rounds.
public struct Watch: Sendable {
    public let configuration: WatchConfiguration
    public let catalog: Catalog
    public let logger: Logger

    public init(configuration: WatchConfiguration, catalog: Catalog, logger: Logger) {
        self.configuration = configuration
        self.catalog = catalog
        self.logger = logger
    }

    /// A logger that writes lines in `format` to standard error.
    public static func logger(format: WatchConfiguration.LogFormat, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "portolan.watch") { _ in LineLogHandler(format: format) }
        logger.logLevel = level
        return logger
    }

    /// Reads the inputs, then runs until stopped.
    ///
    /// - Throws: `LocatedError`/`LoadErrors` for a broken topology or web-config file, `EventFile.Failure`,
    ///   `WatchFailure` when the address cannot be listened on. Nothing is started when an input is broken.
    public func run() async throws {
        // Trap SIGHUP before anything can send it, so that it reloads instead of ending the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let first = try WatchTarget.read(
            path: configuration.topologyPath, catalog: catalog, only: configuration.only, maximumTargets: configuration.maximumTargets)
        let web = try configuration.webConfigPath.map(WebConfig.read(file:)) ?? WebConfig()
        let events = try configuration.eventsPath.map(EventFile.init(path:))
        let snapshot = WatchSnapshot(topologyName: first.topology.name)
        let hub = EventHub()
        let metrics = WatchMetrics(stateSeries: configuration.stateSeries)
        let scrapes = ScrapeTimes()
        let watcher = Watcher(
            configuration: configuration, catalog: catalog, first: first, logger: logger, snapshot: snapshot, hub: hub, events: events,
            metrics: metrics, hangups: hangups, scrapes: scrapes)
        let logger = self.logger
        let listen = configuration.listen
        let topology = first.topology.name
        let probes = first.plan.probes.count
        let interval = WatchMetrics.seconds(configuration.interval)
        let app = try WatchServer.application(
            listen: listen, web: web, snapshot: snapshot, hub: hub, metrics: { metrics.exposition() }, scrapes: scrapes, logger: logger,
            onListening: { url in
                logger.info("listening on \(url)", metadata: [
                    "url": "\(url)", "topology": "\(topology)", "probes": "\(probes)", "interval_seconds": "\(interval)",
                    "auth": "\(web.users.isEmpty ? "none" : "basic")",
                ])
            })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: app),
                    .init(service: watcher, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: quietLogger()))
        do {
            try await group.run()
        } catch {
            throw WatchFailure(message: "--listen \(listen): \(error) (is another program on that port? pick another with --listen ADDR:PORT)")
        }
    }

    /// The service group's own messages only matter when something goes wrong.
    private func quietLogger() -> Logger {
        var quiet = logger
        quiet.logLevel = .warning
        return quiet
    }
}

/// The watcher could not start or serve: the message says what to do.
public struct WatchFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
