import Foundation
import Logging
import PortolanCore

/// A swift-log handler that writes one line per event to standard error, as logfmt or JSON:
/// `time=2026-12-01T22:00:00.000Z level=info msg="round done" round=3 probes=12`.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let format: WatchConfiguration.LogFormat
    private let sink: @Sendable (String) -> Void

    /// - Parameter sink: where each line goes (default: standard error).
    public init(format: WatchConfiguration.LogFormat, sink: @escaping @Sendable (String) -> Void = LineLogHandler.standardError) {
        self.format = format
        self.sink = sink
    }

    /// Writes `line` to standard error in one `write`.
    public static let standardError: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(line.utf8)) }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let time = Self.timestamp(Date())
        let keys = fields.keys.sorted()
        switch format {
        case .logfmt:
            var line = "time=\(time) level=\(event.level.rawValue) msg=\(Self.logfmtValue(event.message.description))"
            for key in keys { line += " \(key)=\(Self.logfmtValue(fields[key]?.description ?? ""))" }
            sink(line + "\n")
        case .json:
            var line = "{\"time\":\(Self.jsonString(time)),\"level\":\(Self.jsonString(event.level.rawValue)),\"msg\":\(Self.jsonString(event.message.description))"
            for key in keys { line += ",\(Self.jsonString(key)):\(Self.jsonString(fields[key]?.description ?? ""))" }
            sink(line + "}\n")
        }
    }

    /// A logfmt value: bare when it has no space, quote, `=` or control character, else quoted.
    static func logfmtValue(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" }
        return plain ? text : jsonString(text)
    }

    /// A JSON string literal (logfmt's quoting is the same).
    static func jsonString(_ text: String) -> String { ProbeResultJSON.quoted(text) }

    static func timestamp(_ date: Date) -> String { ProbeResultJSON.timestamp(date) }
}
