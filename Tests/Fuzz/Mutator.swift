/// A small deterministic random source (SplitMix64), so that a failing case can be replayed from its seed.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates input files the way an outside tester's fuzzer does: flips and inserts bytes, cuts and
/// repeats ranges, splices lines of other seeds, and drops in YAML and text that readers find hard
/// (anchors, aliases, merge keys, deep nesting, control characters, invalid UTF-8, very long values).
struct Mutator {
    /// Fragments worth inserting: syntax that changes a YAML document's shape, and hostile bytes.
    static let fragments: [[UInt8]] = [
        "&a ", "*a", "<<: *a\n", "<<: [*a, *a, *a]\n", "- ", ": ", "? ", "{", "}", "[", "]", ",", "\n", "\n  ", "\t",
        "#", "'", "\"", "|\n", ">-\n", "!!str ", "!!binary ", "%YAML 1.1\n", "---\n", "...\n", "~", "null", "0x1F", "1e309",
        "-1", "99999999999999999999", "10.0.0.0/8", "::/0", "0.0.0.0/16", "{file: /dev/null}", "{file: ../../etc/hostname}",
        "\u{0}", "\u{7}", "\u{1B}[2J", "\u{FEFF}", "é", "\u{202E}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    var random: SplitMix
    let others: [[UInt8]]

    /// One to four mutations of `seed`.
    mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &random) { step(&bytes) }
        return bytes
    }

    /// Past this size, mutations only flip and cut: the harness is about files of ordinary size.
    static let largest = 1 << 20

    private mutating func step(_ bytes: inout [UInt8]) {
        let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<(bytes.count > Self.largest ? 3 : 9), using: &random) {
        case 0 where !bytes.isEmpty:
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
        case 1:
            bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
        case 2 where !bytes.isEmpty:
            let end = min(bytes.count, at + Int.random(in: 1...64, using: &random))
            if at < end { bytes.removeSubrange(at..<end) }
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, at + Int.random(in: 1...256, using: &random))
            if at < end { bytes.insert(contentsOf: Array(bytes[at..<end]), at: at) }
        case 4:
            bytes.insert(contentsOf: Self.fragments.randomElement(using: &random) ?? [], at: at)
        case 5:
            let lines = (others.randomElement(using: &random) ?? []).split(separator: UInt8(ascii: "\n"))
            if let line = lines.randomElement(using: &random) { bytes.insert(contentsOf: line + [UInt8(ascii: "\n")], at: at) }
        case 6:
            // A long value or key.
            let length = [100, 1_000, 20_000][Int.random(in: 0..<3, using: &random)]
            bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "k"), count: length), at: at)
        case 7:
            // Deep nesting.
            let depth = Int.random(in: 10...200, using: &random)
            bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "["), count: depth), at: at)
        default:
            // Repeat a line many times (a hosts file of many CIDR blocks, a list of aliases).
            let lines = bytes.split(separator: UInt8(ascii: "\n"))
            if let line = lines.randomElement(using: &random) {
                let copies = Int.random(in: 2...200, using: &random)
                let block = Array(repeating: Array(line) + [UInt8(ascii: "\n")], count: copies).flatMap { $0 }
                bytes.insert(contentsOf: block, at: at)
            }
        }
    }
}
