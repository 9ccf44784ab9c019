import Foundation
import Testing

/// A folder of golden files, compared with what a test produced, re-recorded only with `PORTOLAN_RECORD=1`.
///
/// A recording run writes every file and then fails on purpose, so that a recording never passes silently.
/// The one golden helper of every test target (diagram exports, dashboard frames).
public struct GoldenFolder: Sendable {
    public let directory: URL

    /// The folder `Golden` next to the calling source file.
    public init(besides filePath: String = #filePath) {
        directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    public static var isRecording: Bool { ProcessInfo.processInfo.environment["PORTOLAN_RECORD"] == "1" }

    /// Compares `actual` with the golden file `name`, or records it.
    public func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if Self.isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url, options: .atomic)
                Issue.record("recorded \(name); run again without PORTOLAN_RECORD to check it", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name); record it with PORTOLAN_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
        let want = line < a.count ? String(a[line]) : "<end of file>"
        let got = line < b.count ? String(b[line]) : "<end of file>"
        Issue.record(
            "\(name) differs from its golden file at line \(line + 1):\n  golden: \(want)\n  actual: \(got)\n(re-record with PORTOLAN_RECORD=1 if the change is intended)",
            sourceLocation: sourceLocation)
    }

    /// The golden files present, for finding stale ones.
    public var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
