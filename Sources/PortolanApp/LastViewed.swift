import Foundation
import PortolanCore

/// The schema the dashboard showed last, kept between runs so that `portolan tui` opens on it:
/// `$XDG_STATE_HOME/portolan/last-schema` (else `~/.local/state/portolan/last-schema`), the schema's id
/// on one line. A missing, unreadable or unknown entry is no error: the dashboard opens the first schema.
public struct LastViewed: Sendable {
    /// The file, or `nil` when neither XDG_STATE_HOME (absolute) nor HOME is set.
    public let file: URL?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            file = URL(fileURLWithPath: state).appending(path: "portolan/last-schema")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            file = URL(fileURLWithPath: home).appending(path: ".local/state/portolan/last-schema")
        } else {
            file = nil
        }
    }

    /// The schema kept, if the file holds the id of one of `schemas`.
    public func read(among schemas: [Schema]) -> SchemaID? {
        guard let file, let data = try? Data(contentsOf: file), data.count <= 4096,
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return schemas.first { $0.id.rawValue == id }?.id
    }

    /// Keeps `id` (creating the folder); a failure is ignored: remembering is a convenience.
    ///
    /// - Returns: true if the file was written.
    @discardableResult
    public func write(_ id: SchemaID) -> Bool {
        guard let file else { return false }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((id.rawValue + "\n").utf8).write(to: file, options: .atomic)
            return true
        } catch {
            return false
        }
    }
}
