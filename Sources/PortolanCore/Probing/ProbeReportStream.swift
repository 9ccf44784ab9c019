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
        // The lines of a large round are written on every core, a batch of chunks at a time, and handed
        // over in order: the round is over, and its output is all that keeps the command from exiting.
        let lines = 448  // about 64 KiB of lines per chunk
        let batch = 8 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        var next = 0
        while next < results.count {
            let chunks = min(batch, (results.count - next + lines - 1) / lines)
            let first = next
            let texts = LineChunks(count: chunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = first + chunk * lines
                texts.fill(chunk) { text in
                    for index in start..<min(start + lines, results.count) { text += try ProbeResultJSON(results[index]).line() }
                }
            }
            for chunk in 0..<chunks { emit(try texts.take(chunk)) }
            next = min(results.count, first + chunks * lines)
        }
    }
}

/// The chunks of JSON lines that `streamLines` writes side by side: each worker fills only its own
/// slot, through raw storage (an array property would be one variable for the exclusivity checker).
private final class LineChunks: @unchecked Sendable {
    private let texts: UnsafeMutableBufferPointer<Result<String, any Error>>

    init(count: Int) {
        texts = .allocate(capacity: count)
        texts.initialize(repeating: .success(""))
    }

    func fill(_ chunk: Int, _ write: (inout String) throws -> Void) {
        var text = ""
        text.reserveCapacity(1 << 16)
        texts[chunk] = Result {
            try write(&text)
            return text
        }
    }

    func take(_ chunk: Int) throws -> String { try texts[chunk].get() }

    deinit {
        texts.deinitialize()
        texts.deallocate()
    }
}
