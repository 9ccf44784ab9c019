/// Parses host entries: addresses, CIDR blocks, names, and files of hosts, with located errors.
///
/// Counts every host it reads (across all the bindings and files of a topology); once the count passes
/// `maximumTargets`, entries are only counted, not expanded, so that the error can say the total.
public struct HostReader {
    /// Reads a file named in a topology, by the path as written (relative to the topology's folder).
    let readFile: (String) throws(LocatedError) -> String?
    /// The topology file's folder, with a trailing `/`, or empty.
    let folder: String
    /// The most hosts a topology may bind in all.
    let maximumTargets: Int
    /// The hosts read so far, counted even past `maximumTargets`.
    private(set) var total = 0
    /// The entry that took the total past `maximumTargets`.
    private(set) var firstOver: SourceLocation?

    init(readFile: @escaping (String) throws(LocatedError) -> String?, folder: String, maximumTargets: Int) {
        self.readFile = readFile
        self.folder = folder
        self.maximumTargets = maximumTargets
    }

    /// The error for a topology past the cap, once every entry has been counted.
    var overCap: LocatedError? {
        firstOver.map { at in
            LocatedError(
                at: at, "the topology binds \(total) targets in all (hosts of every binding and file), more than the cap of \(maximumTargets)",
                hint: "bind fewer or smaller blocks, or raise the cap with --max-targets")
        }
    }

    /// An entry's hosts, counted; past the cap, counted only (a CIDR block is not expanded).
    private mutating func counted(_ text: String, at location: SourceLocation, shown: Bool) throws -> [TargetHost] {
        if text.contains("/"), let block = CIDRBlock(text), block.size <= CIDRBlock.maximumSize, total + block.hostCount > maximumTargets {
            total += block.hostCount
            firstOver = firstOver ?? location
            return []
        }
        let hosts = try Self.entry(text, at: location, shown: shown)
        total += hosts.count
        if total > maximumTargets {
            firstOver = firstOver ?? location
            return []
        }
        return hosts
    }

    /// The hosts of a binding value: one entry, a list of entries, or a mapping item `{file: PATH}`.
    mutating func hosts(_ node: YAMLNode) throws -> [TargetHost] {
        var hosts: [TargetHost] = []
        for item in try node.sequence("hosts") {
            if case .mapping = item.node {
                let map = try item.mapping("host entry")
                try map.rejectUnknownKeys(["file"])
                hosts += try file(map.required("file"))
            } else {
                hosts += try counted(try item.string("host"), at: item.location, shown: true)
            }
        }
        return hosts
    }

    /// The CIDR blocks written among a binding's entries (not those inside host files), as written.
    static func blocks(_ node: YAMLNode) throws -> [CIDRBlock] {
        try node.sequence("hosts").compactMap { item in
            guard case .scalar = item.node, let text = try? item.string("host"), text.contains("/") else { return nil }
            return CIDRBlock(text)
        }
    }

    /// The hosts listed in a file: entries separated by white space or new lines, `#` starts a comment.
    mutating func file(_ node: YAMLNode) throws -> [TargetHost] {
        let path = try node.string("hosts file")
        let fullPath = path.hasPrefix("/") ? path : folder + path
        guard let text = try readFile(fullPath) else {
            throw node.error("no hosts file \(quoted(fullPath))", hint: "paths are relative to the topology file's folder")
        }
        // Bytes, not characters: a hosts file can be megabytes, and grapheme breaking is slow.
        var hosts: [TargetHost] = []
        let bytes = Array(text.utf8)
        var line = 1, column = 1, inComment = false
        var tokenStart: Int?, tokenColumn = 1
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
            let ends = byte == 0x0A || byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C || byte == UInt8(ascii: "#")
            if ends, let start = tokenStart {
                let at = SourceLocation(file: fullPath, line: line, column: tokenColumn)
                hosts += try counted(String(decoding: bytes[start..<index], as: UTF8.self), at: at, shown: false)
                tokenStart = nil
            }
            if byte == 0x0A {
                line += 1
                column = 1
                inComment = false
                continue
            }
            if byte == UInt8(ascii: "#") { inComment = true }
            if !ends, !inComment, tokenStart == nil {
                tokenStart = index
                tokenColumn = column
            }
            // Columns count characters (code points), not the bytes of UTF-8 sequences.
            if byte & 0xC0 != 0x80 { column += 1 }
        }
        if hosts.isEmpty, firstOver == nil { throw node.error("hosts file \(quoted(fullPath)) lists no hosts") }
        return hosts
    }

    /// One entry: an IPv4 or IPv6 address, a CIDR block (expanded), or a host name.
    ///
    /// - Parameter shown: whether errors may quote the entry. Entries of a hosts file are not quoted:
    ///   when the path names the wrong file (a key, a password list), its content must not be printed.
    /// - Throws: `LocatedError` at `location` for anything that is none of these.
    static func entry(_ text: String, at location: SourceLocation, shown: Bool = true) throws -> [TargetHost] {
        // Only an error message needs the quoted text (quoting looks at every character's category).
        var name: String { shown ? " " + quoted(text) : "" }
        if let address = IPAddress(text) { return [.address(address)] }
        if text.utf8.contains(UInt8(ascii: "/")) {
            guard let block = CIDRBlock(text) else {
                throw LocatedError(at: location, "bad CIDR block\(name)", hint: "write ADDRESS/PREFIX, such as 10.0.1.0/24")
            }
            guard block.size <= CIDRBlock.maximumSize else {
                throw LocatedError(
                    at: location, "CIDR block\(name) holds \(block.size == Int.max ? "too many" : String(block.size)) addresses",
                    hint: "the most a block may hold is \(CIDRBlock.maximumSize) (/16 for IPv4, /112 for IPv6); list smaller blocks")
            }
            return block.addresses.map(TargetHost.address)
        }
        if text.allSatisfy({ $0.isNumber || $0 == "." }) {
            throw LocatedError(at: location, "bad IPv4 address\(name)", hint: "four numbers 0-255 joined by dots")
        }
        if text.contains(":") {
            throw LocatedError(at: location, "bad IPv6 address\(name)")
        }
        guard isHostName(text) else {
            throw LocatedError(
                at: location, "bad host\(name)",
                hint: "a host is an IPv4 or IPv6 address, a CIDR block, or a DNS name of letters, digits, '-' and '.'")
        }
        return [.name(text.lowercased())]
    }

    /// RFC 1123 names: labels of 1-63 letters, digits and inner dashes, 253 characters in all.
    public static func isHostName(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard !name.isEmpty, name.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }
}
