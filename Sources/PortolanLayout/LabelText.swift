import PortolanModel

/// The words the figures print: port labels, numbered markers, short kind names.
public enum LabelText {
    /// The port label above a line: `13000 TCP TLS`, `1433|3306 TCP TLS?`, `15000 UDP`, `HTTPS`.
    ///
    /// `TLS` means the document says TLS, `TLS?` that it does not say; plain TCP shows neither.
    public static func port(_ c: Connection) -> String {
        if c.link == .com { return "COM invoke" }
        var parts: [String] = []
        if let port = c.port {
            parts.append(([port] + c.alternatives).map(\.description).joined(separator: "|"))
        }
        switch c.link {
        case .https: parts.append("HTTPS")
        default: parts.append(c.transport?.rawValue.uppercased() ?? "")
        }
        switch c.tls {
        case .yes where c.link != .https: parts.append("TLS")
        case .unknown: parts.append("TLS?")
        default: break
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The numbered marker of a deployment figure: `[4]`.
    public static func marker(_ label: ArrowLabel) -> String { "[\(label.rawValue)]" }

    /// One label line for a connection: `[4] 13000 TCP TLS` in deployment figures, `13000 TCP TLS` elsewhere.
    public static func line(_ c: Connection, numbered: Bool) -> LabelLine {
        LabelLine(marker: numbered ? marker(c.label) : "", text: port(c))
    }

    /// The short label of the compact level: `[4] 13000` in deployment figures, `13000` elsewhere
    /// (`HTTPS` for a web link without a port).
    public static func short(_ c: Connection, numbered: Bool) -> LabelLine {
        let port = c.port.map { ([$0] + c.alternatives).map(\.description).joined(separator: "|") }
            ?? (c.link == .https ? "HTTPS" : c.transport?.rawValue.uppercased() ?? "-")
        return LabelLine(marker: numbered ? marker(c.label) : "", text: port)
    }

    /// The one-line compact label of a bundle: `[4][5]`, or `13000 17000` without markers.
    public static func compact(_ connections: [Connection], numbered: Bool) -> LabelLine {
        if numbered { return LabelLine(marker: connections.map { marker($0.label) }.joined()) }
        let ports = connections.map { $0.port?.description ?? ($0.link == .https ? "HTTPS" : "-") }
        var seen = Set<String>()
        return LabelLine(text: ports.filter { seen.insert($0).inserted }.joined(separator: " "))
    }

    /// A short name of a role kind for the top border of its box.
    public static func kindTag(_ kind: RoleKind) -> String {
        switch kind {
        case .administrationServer: "Admin Server"
        case .secondaryAdministrationServer: "Secondary Server"
        case .dbms: "DBMS"
        case .clientDevice: "Client device"
        case .distributionPoint: "Distribution point"
        case .connectionGateway: "Connection gateway"
        case .mobileDevice: "Mobile device"
        case .browser: "Browser"
        case .administrationConsole: "Console"
        case .webConsoleServer: "Web Console"
        case .kasperskyServers: "Kaspersky"
        case .pushNotificationService: "Push service"
        case .iosMDMServer: "iOS MDM"
        case .webServer: "Web Server"
        case .firewall: "Firewall"
        }
    }

    /// `text` on one line of at most `width` display columns, cut short with `…` if longer.
    public static func truncate(_ text: String, width: Int) -> String {
        guard Width.of(text) > width else { return text }
        return Width.prefix(text, fitting: width - 1) + "…"
    }

    /// Splits `text` into lines of at most `width` display columns, breaking at spaces where it can.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        // The width of `line`, kept as it grows rather than measured again for every word.
        var lineWidth = 0
        // An ASCII text splits on its bytes (the same words, without breaking it into characters first).
        let words = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
            : text.split(separator: " ").map(String.init)
        for word in words {
            var word = word
            var wordWidth = Width.of(word)
            while wordWidth > width {
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                let head = Width.prefix(word, fitting: width)
                lines.append(head)
                word = String(word.dropFirst(head.count))
                wordWidth = Width.of(word)
            }
            if line.isEmpty {
                line = word
                lineWidth = wordWidth
            } else if lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
            } else {
                lines.append(line)
                line = word
                lineWidth = wordWidth
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

/// Terminal display width, as the layout measures text (wide East Asian characters take two cells).
public enum Width {
    /// The number of cells `text` takes.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The number of cells one scalar takes: 0 for combining marks, 2 for wide characters, else 1.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            2
        default: 1
        }
    }

    /// The longest prefix of `text` (at least one character) that fits in `width` cells.
    static func prefix(_ text: String, fitting width: Int) -> String {
        var out = ""
        for character in text {
            if !out.isEmpty, of(out + String(character)) > width { break }
            out.append(character)
        }
        return out
    }
}
