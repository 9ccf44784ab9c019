import Foundation

extension ProbeReportJSON {
    /// Writes the `probe --json` document piece by piece: the same JSON value `ProbeReportJSON` encodes
    /// to (keys sorted, `results` first), with each result on one line, handed to `emit` in chunks of
    /// about 64 KiB, so that a round of 65,536 targets never exists as one document in memory.
    ///
    /// - Throws: `EncodingError` if a value cannot be encoded, which these types rule out.
    public static func stream(
        topology: String, started: Date, results: [ProbeResult], vantages: [VantageStatus] = [], emit: (String) -> Void
    ) throws {
        var pieces = ProbeReportPieces(topology: topology, started: started, results: results, vantages: vantages)
        while let piece = try pieces.next() { emit(piece) }
    }
}

/// The `probe --json` document of one round as a cursor over its pieces (about 64 KiB each, whole
/// result lines): what `ProbeReportJSON.stream` writes, taken a piece at a time by a caller that
/// cannot take a callback (an HTTP body writer that awaits between pieces). Holds the results, never
/// the text.
public struct ProbeReportPieces: Sendable {
    private let topology: String
    private let started: Date
    private let results: [ProbeResult]
    private let vantages: [VantageStatus]
    private var position = 0
    private var finished = false

    public init(topology: String, started: Date, results: [ProbeResult], vantages: [VantageStatus] = []) {
        self.topology = topology
        self.started = started
        self.results = results
        self.vantages = vantages
    }

    /// The next piece, or `nil` once the document is written.
    ///
    /// - Parameter size: about how many bytes a piece holds (whole lines).
    /// - Throws: `EncodingError` if a value cannot be encoded, which these types rule out.
    public mutating func next(size: Int = 1 << 16) throws -> String? {
        guard !finished else { return nil }
        var chunk = position == 0 ? "{\n  \"results\" : [" : ""
        while position < results.count {
            let line = try ProbeResultJSON(results[position]).line()
            chunk += (position == 0 ? "\n    " : ",\n    ") + line.dropLast()
            position += 1
            if chunk.utf8.count > size { return chunk }
        }
        finished = true
        chunk += results.isEmpty ? "],\n" : "\n  ],\n"
        let rest = Rest(
            topology: topology, started: ProbeResultJSON.timestamp(started), vantageNote: VantageNote.text(results),
            vantages: vantages.map(VantageStatusJSON.init))
        // The rest of the keys, as the encoder indents them, without the opening brace.
        let tail = try ProbeJSONEncoding.string(rest)
        return chunk + tail.drop { $0 != "\n" }.dropFirst()
    }

    /// Every key of the report but `results`.
    private struct Rest: Encodable {
        var topology: String
        var started: String
        var vantageNote: String
        var vantages: [VantageStatusJSON]

        enum CodingKeys: String, CodingKey {
            case topology, started, vantages
            case vantageNote = "vantage_note"
        }
    }
}

extension ProbeResultJSON {
    /// Writes one result object per line (`probe --json-lines`, the objects `portolan agent` streams), handed
    /// to `emit` in chunks of about 64 KiB.
    ///
    /// - Throws: `EncodingError` if a value cannot be encoded, which these types rule out.
    public static func streamLines(_ results: [ProbeResult], emit: (String) -> Void) throws {
        var chunk = ""
        for result in results {
            chunk += try ProbeResultJSON(result).line()
            if chunk.utf8.count > 1 << 16 {
                emit(chunk)
                chunk = ""
            }
        }
        emit(chunk)
    }
}
