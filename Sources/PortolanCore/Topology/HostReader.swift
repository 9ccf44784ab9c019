/// Parses host entries: addresses, CIDR blocks, names, and files of hosts, with located errors.
struct HostReader {
    /// Reads a file named in a topology, by the path as written (relative to the topology's folder).
    let readFile: (String) -> String?
    /// The topology file's folder, with a trailing `/`, or empty.
    let folder: String

    /// The hosts of a binding value: one entry, a list of entries, or a mapping item `{file: PATH}`.
    func hosts(_ node: YAMLNode) throws -> [TargetHost] {
        var hosts: [TargetHost] = []
        for item in try node.sequence("hosts") {
            if case .mapping = item.node {
                let map = try item.mapping("host entry")
                try map.rejectUnknownKeys(["file"])
                hosts += try file(map.required("file"))
            } else {
                hosts += try Self.entry(try item.string("host"), at: item.location)
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
    func file(_ node: YAMLNode) throws -> [TargetHost] {
        let path = try node.string("hosts file")
        let fullPath = path.hasPrefix("/") ? path : folder + path
        guard let text = readFile(fullPath) else {
            throw node.error("cannot read hosts file '\(fullPath)'", hint: "paths are relative to the topology file's folder")
        }
        var hosts: [TargetHost] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.prefix { $0 != "#" }
            var column = 1
            var token = ""
            var tokenColumn = 1
            for character in content + " " {
                if character.isWhitespace {
                    if !token.isEmpty {
                        let at = SourceLocation(file: fullPath, line: lineIndex + 1, column: tokenColumn)
                        hosts += try Self.entry(token, at: at)
                        token = ""
                    }
                } else {
                    if token.isEmpty { tokenColumn = column }
                    token.append(character)
                }
                column += 1
            }
        }
        if hosts.isEmpty { throw node.error("hosts file '\(fullPath)' lists no hosts") }
        return hosts
    }

    /// One entry: an IPv4 or IPv6 address, a CIDR block (expanded), or a host name.
    ///
    /// - Throws: `LocatedError` at `location` for anything that is none of these.
    static func entry(_ text: String, at location: SourceLocation) throws -> [TargetHost] {
        if text.contains("/") {
            guard let block = CIDRBlock(text) else {
                throw LocatedError(at: location, "bad CIDR block '\(text)'", hint: "write ADDRESS/PREFIX, such as 10.0.1.0/24")
            }
            guard block.size <= CIDRBlock.maximumSize else {
                throw LocatedError(
                    at: location, "CIDR block '\(text)' holds \(block.size == Int.max ? "too many" : String(block.size)) addresses",
                    hint: "the most a block may hold is \(CIDRBlock.maximumSize) (/16 for IPv4, /112 for IPv6); list smaller blocks")
            }
            return block.addresses.map(TargetHost.address)
        }
        if let address = IPAddress(text) { return [.address(address)] }
        if text.allSatisfy({ $0.isNumber || $0 == "." }) {
            throw LocatedError(at: location, "bad IPv4 address '\(text)'", hint: "four numbers 0-255 joined by dots")
        }
        if text.contains(":") {
            throw LocatedError(at: location, "bad IPv6 address '\(text)'")
        }
        guard isHostName(text) else {
            throw LocatedError(
                at: location, "bad host '\(text)'",
                hint: "a host is an IPv4 or IPv6 address, a CIDR block, or a DNS name of letters, digits, '-' and '.'")
        }
        return [.name(text.lowercased())]
    }

    /// RFC 1123 names: labels of 1-63 letters, digits and inner dashes, 253 characters in all.
    static func isHostName(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard !name.isEmpty, name.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }
}
