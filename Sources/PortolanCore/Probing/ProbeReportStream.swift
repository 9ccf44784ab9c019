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
        var chunk = "{\n  \"results\" : ["
        for (index, result) in results.enumerated() {
            let line = try ProbeResultJSON(result).line()
            chunk += (index == 0 ? "\n    " : ",\n    ") + line.dropLast()
            if chunk.utf8.count > 1 << 16 {
                emit(chunk)
                chunk = ""
            }
        }
        chunk += results.isEmpty ? "],\n" : "\n  ],\n"
        let rest = Rest(
            topology: topology, started: ProbeResultJSON.timestamp(started), vantageNote: VantageNote.text(results),
            vantages: vantages.map(VantageStatusJSON.init))
        // The rest of the keys, as the encoder indents them, without the opening brace.
        let tail = try ProbeJSONEncoding.string(rest)
        emit(chunk + tail.drop { $0 != "\n" }.dropFirst())
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
