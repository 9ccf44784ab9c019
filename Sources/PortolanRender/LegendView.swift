import PortolanCore
import PortolanLayout

/// The conventions table `portolan legend` prints, with a sample of each symbol drawn from the glyph tables.
public struct LegendView: Sendable {
    public var conventions: [Convention]

    public init(conventions: [Convention]) { self.conventions = conventions }

    /// Every convention with its unicode and ASCII sample, plus the link kinds the documents do not list (HTTPS).
    /// `width`: the terminal's columns; meanings wrap to fit (`nil`: no limit).
    public func render(width: Int? = nil) -> String {
        var rows = conventions.map { convention in
            [
                Self.sample(convention.symbol, charset: .unicode), Self.sample(convention.symbol, charset: .ascii),
                convention.meaning, convention.symbol.name, convention.icon,
            ]
        }
        let listed = Set(conventions.compactMap { convention -> LinkKind? in
            if case let .link(kind) = convention.symbol { return kind }
            return nil
        })
        for kind in LinkKind.allCases where !listed.contains(kind) {
            let symbol = Convention.Symbol.link(kind)
            rows.append([
                Self.sample(symbol, charset: .unicode), Self.sample(symbol, charset: .ascii), Self.meaning(kind),
                symbol.name, "(not in the documents' table)",
            ])
        }
        let conventionsTable = TextTable(header: ["UNICODE", "ASCII", "MEANING", "DEPICTS", "ICON IN THE DOCUMENTS"], rows: rows, wrapping: [0, 1, 2, 3, 4])
            .render(width: width)
        return conventionsTable + "\n" + Self.liveStates(width: width) + "\n" + Self.tableStates(width: width)
    }

    /// The arrows table's one state that is no arrow's: an exposed port, the audit's finding
    /// (`tui --audit`, the demo), with its mark and theme key.
    public static func tableStates(width: Int? = nil) -> String {
        let rows = [["*", "*", "exposed", "arrows table: an open port that no arrow from its vantage point needs (the audit's finding)", "exposed"]]
        return TextTable(header: ["MARK", "ASCII", "TABLE STATE", "MEANING", "THEME KEY"], rows: rows, wrapping: [2, 3, 4]).render(width: width)
    }

    /// The live states the dashboard colours arrows by (`tui --topology`), with the mark each label
    /// carries, in the words the log, status bar, themes and JSON use.
    public static func liveStates(width: Int? = nil) -> String {
        let rows = LinkHealth.allCases.map { health in
            [String(health.mark(unicode: true)), String(health.mark(unicode: false)), health.rawValue, health.meaning, "health.\(health.rawValue)"]
        }
        return TextTable(header: ["MARK", "ASCII", "LIVE STATE", "MEANING", "THEME KEY"], rows: rows, wrapping: [2, 3, 4]).render(width: width)
    }

    /// A sample of a symbol as the diagrams draw it.
    public static func sample(_ symbol: Convention.Symbol, charset: Charset) -> String {
        let glyphs = GlyphTable(charset)
        let box = glyphs.box
        let text: String
        switch symbol {
        case let .role(kind):
            text = "\(box.downRight)\(box.horizontal) \(LabelText.kindTag(kind)) \(box.horizontal)\(box.downLeft)"
        case .process:
            text = "\(box.downRight) klnagent \(box.downLeft)"
        case .portLabel:
            text = "[4] 13000 TCP TLS"
        case let .link(kind):
            text = glyphs.sample(kind)
        case .dmzBoundary:
            let b = glyphs.boundary
            text = "\(b.downRight)\(b.horizontal) DMZ \(b.horizontal)\(b.downLeft)"
        }
        return charset == .ascii ? ASCIIFold.string(text) : text
    }

    /// What each link kind means, in the documents' words where they have them.
    public static func meaning(_ kind: LinkKind) -> String {
        switch kind {
        case .tcp: "TCP traffic"
        case .udp: "UDP traffic"
        case .com: "COM invoke"
        case .dbms: "DBMS transport"
        case .https: "HTTPS to the vendor's servers on the internet"
        }
    }

    /// The short legend appended by `export --legend`: every link kind and frame, padded to `width`.
    public static func glyphLines(charset: Charset, width: Int) -> [String] {
        var lines = ["Legend"]
        for kind in LinkKind.allCases {
            lines.append("  \(sample(.link(kind), charset: charset))  \(meaning(kind))")
        }
        lines.append("  \(sample(.dmzBoundary, charset: charset))  DMZ boundary (the zone's frame, shaded: no line looks like it; lines cross it)")
        lines.append("  \(sample(.process, charset: charset))  process that opens ports (ports listed inside)")
        lines.append("  [4] 13000 TCP TLS  marker and port label (TLS? = not stated)")
        return lines.flatMap { line in
            let text = charset == .ascii ? ASCIIFold.string(line) : line
            return LabelText.wrap(text, width: max(10, width)).map { part in
                part + String(repeating: " ", count: max(0, width - DisplayWidth.of(part)))
            }
        }
    }
}
