import Foundation
import Testing

/// Every `--json` and `--format json` prints the same bytes for the same input in every process: a
/// diff of two exports shows what changed, not the hash seed of the process that wrote them.
@Suite struct JSONStabilityTests {
    @Test(arguments: [
        ["export", "ksc13-lan", "--format", "json"], ["show", "ksc13-server-in-dmz", "--json"], ["schemas", "--json"],
    ])
    func twoRunsPrintTheSameBytes(_ arguments: [String]) throws {
        let first = try Binary.run(arguments), second = try Binary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout, "\(arguments.joined(separator: " ")) printed two different texts")
        // Keys in order: the first object's keys as printed are sorted.
        let lines = first.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\"") })
        let indent = lines[start].prefix { $0 == " " }.count
        var keys: [String] = []
        for line in lines[start...] {
            let depth = line.prefix { $0 == " " }.count
            if depth < indent { break }
            if depth == indent, line.dropFirst(depth).hasPrefix("\"") { keys.append(String(line.dropFirst(depth + 1).prefix { $0 != "\"" })) }
        }
        #expect(!keys.isEmpty && keys == keys.sorted(), "\(keys)")
    }
}
