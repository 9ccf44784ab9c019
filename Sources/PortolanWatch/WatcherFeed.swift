import Foundation
import PortolanCore

/// Reads a running watcher's latest round over HTTP: what `tui --attach` shows instead of probing.
public struct WatcherFeed: Sendable {
    public let client: WatchClient

    /// One look at the watcher.
    public enum Reading: Sendable {
        /// Its latest round.
        case state(topology: String, results: [ProbeResult], vantages: [VantageStatus])
        /// It could not be reached, answered with an error, or sent something that is not a report.
        case unreachable(String)
    }

    public init(client: WatchClient) { self.client = client }

    /// GETs `/api/v1/state` and reads it.
    public func read(timeout: Duration = .seconds(5)) async -> Reading {
        let reply: WatchClient.Reply
        do {
            reply = try await client.get("/api/v1/state", timeout: timeout)
        } catch {
            return .unreachable("\(error)")
        }
        switch reply.status {
        case 200: break
        case 401: return .unreachable("\(client.displayURL) wants credentials (401): give them in the URL, https://USER:PASSWORD@HOST:PORT")
        case 503: return .unreachable("\(client.displayURL) has not finished a round yet")
        default: return .unreachable("\(client.displayURL)/api/v1/state answered HTTP \(reply.status)")
        }
        do {
            let report = try JSONDecoder().decode(ProbeReportJSON.self, from: Data(reply.body))
            let results = try report.results.map(ProbeResult.init)
            let vantages = report.vantages.map {
                VantageStatus(name: $0.name, command: $0.command, state: $0.state, message: $0.message, starts: $0.starts, failures: $0.failures)
            }
            return .state(topology: report.topology, results: results, vantages: vantages)
        } catch {
            return .unreachable("\(client.displayURL)/api/v1/state is not a portolan report: \(error)")
        }
    }
}
