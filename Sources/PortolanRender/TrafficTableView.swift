import PortolanCore

/// The consolidated traffic table `portolan ports` prints, columns as the documents print them.
public struct TrafficTableView: Sendable {
    public var rows: [TrafficRow]

    public init(rows: [TrafficRow]) { self.rows = rows }

    /// The table and its notes; purposes and notes wrap to fit `width` columns (`nil`: no limit).
    public func render(width: Int? = nil) -> String {
        var table = TextTable(header: ["DEVICE", "PORT", "PROCESS", "PROTOCOL", "TLS", "PURPOSE", "SCHEMAS"], wrapping: [0, 1, 2, 5, 6])
        for row in rows {
            let port = row.port.map { port in
                ([port] + row.alternatives).map(\.description).joined(separator: " or ")
            } ?? "(not named)"
            let transport = row.link == .https ? "HTTPS" : row.transport?.rawValue.uppercased() ?? "-"
            table.rows.append([
                row.device, port, row.process?.rawValue ?? "(not named)", transport, row.tls.word,
                short(row.purpose), row.schemas.map(\.rawValue).joined(separator: ", "),
            ])
        }
        var out = table.render(width: width)
        let notes = rows.flatMap(\.notes).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !notes.isEmpty {
            out += "\nNotes\n"
            for (number, note) in notes.enumerated() {
                out += Wrap.paragraph("[\(number + 1)] " + note, width: min(100, width ?? 100), indent: "  ") + "\n"
            }
        }
        return out
    }

    /// The first sentence of a long purpose, so that the table stays readable; `--json` has the full text.
    private func short(_ purpose: String) -> String {
        guard purpose.count > 90 else { return purpose }
        if let end = purpose.range(of: ". ") { return String(purpose[..<end.lowerBound]) + "." }
        return String(purpose.prefix(87)) + "..."
    }
}
