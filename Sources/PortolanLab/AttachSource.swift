import Foundation
import PortolanApp
import PortolanCore
import PortolanWatch

/// `tui --attach URL`: the dashboard's rounds are looks at a running watcher (`AttachedWatcher`).
public struct AttachSource: LiveSource {
    public let topologyName: String
    public let interval: Duration
    public let watcher: AttachedWatcher
    /// The schemas the watcher reports, in its order: the first opens.
    public let schemas: [SchemaID]

    /// Takes a first look at the watcher at `url`.
    ///
    /// - Parameter caFile: PEM certificates to trust for an https watcher (else the system's).
    /// - Throws: `CommandFailure` (exit 2) when the URL is not a watcher's or it cannot be read now.
    public static func connect(_ url: String, caFile: String?, interval: Duration) throws -> AttachSource {
        let client: WatchClient
        do {
            client = try WatchClient(url: url, trusting: caFile)
        } catch {
            throw CommandFailure("--attach: \(error)")
        }
        let looked = Looked()
        runToCompletion {
            do {
                looked.result = .success(try await AttachedWatcher(feed: WatcherFeed(client: client)))
            } catch {
                looked.result = .failure(error)
            }
        }
        guard let result = looked.result else { throw CommandFailure("--attach: \(client.displayURL) cannot be read") }
        switch result {
        case let .success(watcher):
            return AttachSource(
                topologyName: "\(watcher.topologyName), attached to \(client.displayURL)", interval: interval, watcher: watcher, schemas: watcher.schemas)
        case let .failure(error):
            throw CommandFailure("\(error) (is `portolan watch` running there?)")
        }
    }

    public func probeRound() async -> [ProbeResult] { await watcher.round() }

    public func vantageStatuses() async -> [VantageStatus] { await watcher.statuses() }

    /// The first look's outcome, handed from the task that took it.
    private final class Looked: @unchecked Sendable {
        var result: Result<AttachedWatcher, Error>?
    }
}
