import Foundation
import PortolanProbe

/// Mimic events as lines on standard error, with the time.
public enum MimicLog {
    @Sendable public static func write(_ event: MimicEvent) { line(event.description) }

    public static func line(_ text: String) {
        let now = Date()
        let seconds = Int(now.timeIntervalSince1970) % 86_400
        let stamp = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        FileHandle.standardError.write(Data("\(stamp) mimic: \(text)\n".utf8))
    }
}
