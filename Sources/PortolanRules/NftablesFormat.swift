import PortolanCore

/// Writes a rule set as an `nft -f` script: one `inet portolan` table whose `input` chain holds the
/// host rules (each matches its host's address, so the one file fits every host) and whose `forward`
/// chain holds the perimeter's, both with policy drop and established traffic let through.
public enum NftablesFormat {
    public static func render(_ set: RuleSet) -> String {
        var out = "#!/usr/sbin/nft -f\n"
        out += RuleText.header(set, comment: "#")
        out += "\ntable inet portolan {\n"
        out += chain("input", hook: "input", set.hostRules, loopback: true)
        if set.hasZones {
            out += "\n" + chain("forward", hook: "forward", set.forwardRules, loopback: false)
        }
        out += "}\n"
        return out
    }

    private static func chain(_ name: String, hook: String, _ rules: [FirewallRule], loopback: Bool) -> String {
        var out = "    chain \(name) {\n"
        out += "        type filter hook \(hook) priority filter; policy drop;\n"
        if loopback { out += "        iif \"lo\" accept\n" }
        out += "        ct state established,related accept\n"
        out += "        ct state invalid drop\n"
        for rule in rules {
            out += "\n        # \(RuleText.summary(rule))\n"
            for line in statements(rule) { out += "        \(line)\n" }
        }
        out += "    }\n"
        return out
    }

    /// One statement per address family the rule's ends share (a v4 host takes only v4 sources).
    static func statements(_ rule: FirewallRule) -> [String] {
        let comment = " comment \"\(RuleText.comment(rule, limit: 120))\""
        let port = "\(rule.transport.rawValue) dport \(rule.port) accept"
        var lines: [String] = []
        for family in [true, false] {
            let keyword = family ? "ip" : "ip6"
            let destination = rule.destination.addresses.filter { $0.isV4 == family || $0.isV4 == nil && family }
            let sources = rule.sources.addresses.filter { $0.isV4 == family || $0.isV4 == nil && family }
            if rule.destination != .any, destination.isEmpty { continue }
            if rule.sources != .any, sources.isEmpty { continue }
            if rule.destination == .any, rule.sources == .any, !family { continue }
            var match: [String] = []
            if rule.destination != .any { match.append("\(keyword) daddr \(set(destination))") }
            if rule.sources != .any { match.append("\(keyword) saddr \(set(sources))") }
            lines.append((match + [port]).joined(separator: " ") + comment)
        }
        return lines
    }

    private static func set(_ addresses: [RuleAddress]) -> String {
        addresses.count == 1 ? addresses[0].description : "{ " + addresses.map(\.description).joined(separator: ", ") + " }"
    }
}
