import Foundation
import PortolanCore
import PortolanApp
import PortolanLayout

/// Layouts kept on disk by content, so that drawing a schema again costs a file read instead of a layout:
/// `$XDG_CACHE_HOME/portolan/layouts/KEY.txt` (else `~/.cache/...`), as `DiagramArchive` text.
///
/// The key hashes the archive version, the schema (as laid out), the asked size and level, and the size
/// and time of the `portolan` binary itself, so a rebuilt binary never reads a layout an older one made.
/// `PORTOLAN_LAYOUT_CACHE=off` turns it off. A cache that cannot be read or written is ignored.
public struct LayoutCache: Sendable {
    /// The folder, or `nil` when the cache is off.
    public let directory: String?
    private let build: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base: String?
        if environment["PORTOLAN_LAYOUT_CACHE"] == "off" {
            base = nil
        } else if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty {
            base = cache
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.cache"
        } else {
            base = nil
        }
        directory = base.map { $0 + "/portolan/layouts" }
        let attributes = try? FileManager.default.attributesOfItem(atPath: "/proc/self/exe")
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let time = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        build = "\(size)-\(time)"
    }

    /// The layout of `schema`, read from the cache or made (and then kept).
    ///
    /// - Throws: `LayoutError`, as `DiagramLayout.make`.
    public func diagram(_ schema: Schema, width: Int?, height: Int?, detail: DetailLevel?) throws(LayoutError) -> Diagram {
        guard let directory else { return try DiagramLayout.make(schema, width: width, height: height, detail: detail) }
        let canonical = DiagramLayout.canonical(schema)
        let key = Self.hash(
            [DiagramArchive.version, build, String(reflecting: canonical), "\(width ?? 0)", "\(height ?? 0)", detail?.rawValue ?? "-"]
                .joined(separator: "\u{1}"))
        let path = directory + "/" + key + ".txt"
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let kept = DiagramArchive.diagram(text, schema: canonical) {
            return kept
        }
        let diagram = try DiagramLayout.make(schema, width: width, height: height, detail: detail)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? Data(DiagramArchive.text(diagram).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return diagram
    }

    /// FNV-1a, 64 bits, as 16 hex digits: stable across runs (Swift's `Hasher` is seeded per process).
    public static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension LayoutCache: SchemaLayouts {}
