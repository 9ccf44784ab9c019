import PortolanCore

/// The consolidated traffic table `portolan ports` prints, columns as the documents print them.
public struct TrafficTableView: Sendable {
    public var rows: [TrafficRow]

    public init(rows: [TrafficRow]) { self.rows = rows }

    public func render() -> String {
        var table = TextTable(header: ["DEVICE", "PORT", "PROCESS", "PROTOCOL", "TLS", "PURPOSE", "SCHEMAS"])
        for row in rows {
            let port = row.port.map { port in
                ([port] + row.alternatives).map(\.description).joined(separator: " or ")
            } ?? "(not named)"
            let transport = row.link == .https ? "HTTPS" : row.transport?.rawValue.uppercased() ?? "-"
            table.rows.append([
                row.device, port, row.process?.rawValue ?? "(not named)", transport, tlsWord(row.tls),
                short(row.purpose), row.schemas.map(\.rawValue).joined(separator: ", "),
            ])
        }
        var out = table.render()
        let notes = rows.flatMap(\.notes).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !notes.isEmpty {
            out += "\nNotes\n"
            for (number, note) in notes.enumerated() {
                out += Wrap.paragraph("[\(number + 1)] " + note, width: 100, indent: "  ") + "\n"
            }
        }
        return out
    }

    /// The tables' own words: Yes, No, Null (for UDP), and "unknown" where the documents do not say.
    private func tlsWord(_ tls: TLSExpectation) -> String {
        switch tls {
        case .yes: "Yes"
        case .no: "No"
        case .unknown: "unknown"
        case .notApplicable: "Null"
        }
    }

    /// The first sentence of a long purpose, so that the table stays readable; `--json` has the full text.
    private func short(_ purpose: String) -> String {
        guard purpose.count > 90 else { return purpose }
        if let end = purpose.range(of: ". ") { return String(purpose[..<end.lowerBound]) + "." }
        return String(purpose.prefix(87)) + "..."
    }
}
