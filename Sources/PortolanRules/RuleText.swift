import PortolanCore

/// The words every format shares: the header, a rule's one-line summary and its firewall comment.
enum RuleText {
    /// Comment lines (each starting with `mark`) naming the topology, the schemas and every warning.
    static func header(_ set: RuleSet, comment mark: String) -> String {
        var out = "\(mark) portolan rules for topology '\(set.topology)': schemas \(set.schemas.map(\.rawValue).joined(separator: ", "))\n"
        out += "\(mark) Allow rules only, in the direction of each arrow; every rule names the arrows that need it.\n"
        if !set.hasZones { out += "\(mark) The topology has no 'zones:' map: host rules only, no perimeter rules.\n" }
        for warning in set.warnings { out += "\(mark) warning: \(warning)\n" }
        return out
    }

    /// `13000/tcp to 10.0.0.5 from 10.0.1.0/24: ksc13-lan 4 client-direct->admin-server (inferred port)`.
    static func summary(_ rule: FirewallRule) -> String {
        var text = "\(rule.port)/\(rule.transport.rawValue) to \(addresses(rule.destination)) from \(addresses(rule.sources)): \(rule.arrowText)"
        switch rule.origin {
        case .documented: break
        case .inferred: text += " (port inferred: the protocol's default; the document names none)"
        case .legacy: text += " (legacy port, allowed but not recommended)"
        case let .moved(from): text += " (documented \(from), moved by the topology)"
        }
        return text
    }

    /// The firewall comment: the arrows, cut to `limit` bytes of ASCII (nft allows 128, iptables 256).
    static func comment(_ rule: FirewallRule, limit: Int) -> String {
        var text = rule.arrowText
        switch rule.origin {
        case .inferred: text += " (inferred port)"
        case .legacy: text += " (legacy)"
        default: break
        }
        let ascii = String(text.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" }.map(Character.init))
        return ascii.utf8.count <= limit ? ascii : String(ascii.prefix(limit - 3)) + "..."
    }

    /// `any`, one address, or several joined by `, `.
    static func addresses(_ source: RuleSource) -> String {
        switch source {
        case .any: "any"
        case let .hosts(list): list.map(\.description).joined(separator: ", ")
        }
    }
}
