#if canImport(Glibc)
import Glibc
#endif

/// Splits a byte stream into lines in linear time, with a bound on a line's length.
///
/// Each byte is looked at once, whatever the chunk sizes. A line longer than `limit` bytes is not
/// kept: it is reported as `.tooLong` with its number once its newline arrives, and the lines after it
/// are read as usual.
struct LineSplitter {
    /// One line of the stream, numbered from 1.
    enum Item: Equatable {
        case line(number: Int, bytes: ArraySlice<UInt8>)
        case tooLong(number: Int)
    }

    /// The longest line kept, in bytes (without its newline).
    static let defaultLimit = 1 << 20

    let limit: Int
    private var pending: [UInt8] = []
    private var skipping = false
    private var lineNumber = 0

    init(limit: Int = LineSplitter.defaultLimit) { self.limit = limit }

    /// Takes the next bytes of the stream and calls `body` with each line they complete.
    mutating func feed(_ bytes: ArraySlice<UInt8>, _ body: (Item) -> Void) {
        var rest = bytes
        while !rest.isEmpty {
            let newline = rest.firstIndex(of: UInt8(ascii: "\n"))
            let part = rest[..<(newline ?? rest.endIndex)]
            if !skipping {
                if pending.count + part.count > limit {
                    skipping = true
                    pending = []
                } else {
                    pending += part
                }
            }
            guard let newline else { return }
            finishLine(body)
            rest = rest[(newline + 1)...]
        }
    }

    /// Ends the stream: a last line without a newline is still a line.
    mutating func finish(_ body: (Item) -> Void) {
        if skipping || !pending.isEmpty { finishLine(body) }
    }

    private mutating func finishLine(_ body: (Item) -> Void) {
        lineNumber += 1
        if skipping {
            body(.tooLong(number: lineNumber))
        } else {
            body(.line(number: lineNumber, bytes: pending[...]))
        }
        pending.removeAll(keepingCapacity: pending.count <= 1 << 16)
        skipping = false
    }

    /// Reads `fd` to its end (retrying `EINTR`) and calls `body` with each line.
    static func read(_ fd: Int32, limit: Int = defaultLimit, _ body: (Item) -> Void) {
        var splitter = LineSplitter(limit: limit)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            splitter.feed(chunk[0..<count], body)
        }
        splitter.finish(body)
    }
}
