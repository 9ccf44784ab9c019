import PortolanCore

/// Writes a rule set as a change-request table: CSV (RFC 4180) or Markdown, one row per rule.
public enum ChangeRequestFormat {
    static let header = ["firewall", "zone", "destination", "protocol", "port", "port source", "sources", "arrows", "purpose"]

    static func rows(_ set: RuleSet) -> [[String]] {
        set.rules.map { rule in
            [
                rule.scope == .host ? "host" : "perimeter", rule.destinationZone?.rawValue ?? "", RuleText.addresses(rule.destination),
                rule.transport.rawValue, rule.port.description, rule.origin.word, RuleText.addresses(rule.sources),
                rule.arrows.map { "\($0.schema) \($0.label) \($0.from) → \($0.to)" }.joined(separator: "; "), rule.purpose,
            ]
        }
    }

    public static func csv(_ set: RuleSet) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([header] + rows(set)).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ set: RuleSet) -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "# Firewall change request: topology \(set.topology)\n\n"
        out += "Schemas: \(set.schemas.map(\.rawValue).joined(separator: ", ")). Allow rules in the direction of each arrow.\n"
        if !set.hasZones { out += "The topology has no `zones:` map: host rules only.\n" }
        if !set.warnings.isEmpty {
            out += "\nWarnings:\n\n" + set.warnings.map { "- \($0)\n" }.joined()
        }
        out += "\n| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows(set) { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }
}
