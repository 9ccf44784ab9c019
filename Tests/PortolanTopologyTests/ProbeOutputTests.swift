import Foundation
import PortolanCore
import Testing

/// What `probe`'s flags change: the settings a round runs with, and the JSON lines it prints.
@Suite struct ProbeOutputTests {
    @Test func flagsOverrideOnlyWhatTheyName() {
        let topology = ProbeSettings(timeoutMilliseconds: 2000, minimumTimeoutMilliseconds: 300, concurrency: 64, retries: 2)
        #expect(ProbeSettings.Overrides().applied(to: topology) == topology)
        let short = ProbeSettings.Overrides(timeoutMilliseconds: 50, retries: 0).applied(to: topology)
        #expect(short.timeoutMilliseconds == 50 && short.minimumTimeoutMilliseconds == 50, "the minimum follows a shorter timeout")
        #expect(short.retries == 0 && short.concurrency == 64)
        let long = ProbeSettings.Overrides(timeoutMilliseconds: 5000, concurrency: 8).applied(to: topology)
        #expect(long.timeoutMilliseconds == 5000 && long.minimumTimeoutMilliseconds == 300 && long.concurrency == 8)
    }

    /// One object per line, the same as one result's JSON, in chunks that split only between lines.
    @Test func jsonLinesAreOneResultEach() throws {
        let address = try #require(IPAddress("127.0.0.1"))
        // More lines than one batch of chunks written side by side (16 chunks of 448 on two cores).
        let results = (1...9000).compactMap { PortNumber($0) }.map { port in
            ProbeResult(
                arrow: nil, target: ProbeTarget(host: .address(address), port: port, transport: .tcp),
                outcome: ProbeOutcome(address: address, state: .closed, reason: .connRefused))
        }
        var chunks: [String] = []
        try ProbeResultJSON.streamLines(results, emit: { chunks.append($0) })
        #expect(chunks.count > 1, "a long round is handed over in pieces")
        #expect(chunks.dropLast().allSatisfy { $0.hasSuffix("\n") })
        let lines = chunks.joined().split(separator: "\n")
        #expect(lines.count == results.count)
        #expect(String(lines[41]) + "\n" == (try ProbeResultJSON(results[41]).line()))
        #expect(String(lines[8999]) + "\n" == (try ProbeResultJSON(results[8999]).line()))
        #expect(lines.enumerated().allSatisfy { $0.element.contains("\"port\":\($0.offset + 1),") }, "in order")
        var empty: [String] = []
        try ProbeResultJSON.streamLines([], emit: { empty.append($0) })
        #expect(empty.joined().isEmpty)
    }
}
