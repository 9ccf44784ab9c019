import Foundation
import PortolanCore
import Testing

@testable import PortolanProbe

#if canImport(Glibc)
import Glibc
#endif

/// Line reading for `portolan agent` and vantage output: linear, bounded, and going on after a line
/// that is too long.
@Suite struct LineSplitterTests {
    func split(_ text: [UInt8], chunk: Int, limit: Int = 16) -> [LineSplitter.Item] {
        var splitter = LineSplitter(limit: limit)
        var items: [LineSplitter.Item] = []
        var start = 0
        while start < text.count {
            let end = min(text.count, start + chunk)
            splitter.feed(text[start..<end]) { items.append($0) }
            start = end
        }
        splitter.finish { items.append($0) }
        return items
    }

    @Test func everyChunkingGivesTheSameLines() {
        let text = Array("one\n\ntwo three\n0123456789abcdefXYZ\nfour\nlast".utf8)
        let expected: [LineSplitter.Item] = [
            .line(number: 1, bytes: Array("one".utf8)[...]), .line(number: 2, bytes: []),
            .line(number: 3, bytes: Array("two three".utf8)[...]), .tooLong(number: 4),
            .line(number: 5, bytes: Array("four".utf8)[...]), .line(number: 6, bytes: Array("last".utf8)[...]),
        ]
        for chunk in [1, 2, 3, 7, 16, 17, 1000] {
            #expect(split(text, chunk: chunk) == expected, "chunks of \(chunk)")
        }
        // A line of exactly the limit is kept; a last line that is too long is still reported.
        #expect(split(Array("0123456789abcdef\n0123456789abcdefX".utf8), chunk: 5) == [
            .line(number: 1, bytes: Array("0123456789abcdef".utf8)[...]), .tooLong(number: 2),
        ])
    }

    /// 64 MiB in one line, fed in the agent's 64 KiB chunks: each byte is looked at once and the
    /// splitter holds at most the limit (the old loop rescanned the whole buffer on every chunk).
    @Test func aHugeLineIsSkippedAndTheNextLineRead() {
        var splitter = LineSplitter()
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 16)
        var items: [LineSplitter.Item] = []
        for _ in 0..<1024 { splitter.feed(chunk[...]) { items.append($0) } }
        #expect(items.isEmpty)
        splitter.feed(Array("\n{}\n".utf8)[...]) { items.append($0) }
        #expect(items == [.tooLong(number: 1), .line(number: 2, bytes: Array("{}".utf8)[...])])
    }

    @Test func theAgentAnswersATooLongLineWithItsNumberAndGoesOn() async throws {
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard CloseOnExecPipe.make(&input) == 0, CloseOnExecPipe.make(&output) == 0 else { throw TestFailure("pipe: \(errno)") }
        let writeEnd = input[1]
        let writer = Thread {
            var text = Array(#"{"id":"long","host":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20) + Array("\"}\n".utf8)
            text += Array(#"{"id":"next","host":"127.0.0.1","port":0,"protocol":"tcp"}"#.utf8) + [UInt8(ascii: "\n")]
            var offset = 0
            while offset < text.count {
                let wrote = text[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                if wrote <= 0 { break }
                offset += wrote
            }
            close(writeEnd)
        }
        writer.start()
        let lines = await AgentTests.answers(input: input[0], output: output)
        let errors = lines.compactMap { try? JSONDecoder().decode(AgentErrorJSON.self, from: Data($0.utf8)) }
        #expect(errors.first?.error == "stdin:1:1: the line is longer than 1 MiB (a request is one JSON object on one line)", "\(errors)")
        #expect(errors.count == 2 && errors[1].error.hasPrefix("stdin:2:1:") && errors[1].id == "next", "\(errors)")
    }
}
