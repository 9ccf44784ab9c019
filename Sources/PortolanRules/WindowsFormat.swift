import PortolanCore

/// Writes the host rules as PowerShell `New-NetFirewallRule` commands for Windows Defender Firewall,
/// grouped per role (Administration Server, Network Agents...) and host; run each host's block in an
/// elevated PowerShell on that host. Perimeter rules have no Windows form and are named in a comment.
public enum WindowsFormat {
    public static func render(_ set: RuleSet) -> String {
        var out = RuleText.header(set, comment: "#")
        out += "# Windows Defender Firewall: run each host's block in an elevated PowerShell on that host.\n"
        if !set.forwardRules.isEmpty {
            out += "# \(set.forwardRules.count) perimeter rules are not written here: see --format nftables or iptables.\n"
        }
        let kinds = set.hostRules.map(\.responderKind).reduce(into: [RoleKind]()) { if !$0.contains($1) { $0.append($1) } }
        for kind in kinds {
            let rules = set.hostRules.filter { $0.responderKind == kind }
            let hosts = rules.map(\.destination).reduce(into: [RuleSource]()) { if !$0.contains($1) { $0.append($1) } }
            for host in hosts {
                out += "\n# ---- \(kind.displayName) on \(RuleText.addresses(host)) ----\n"
                for rule in rules where rule.destination == host { out += command(rule, group: kind.displayName) + "\n" }
            }
        }
        return out
    }

    /// One `New-NetFirewallRule` line.
    static func command(_ rule: FirewallRule, group: String) -> String {
        let name = "portolan \(rule.port)/\(rule.transport.rawValue.uppercased()) \(RuleText.comment(rule, limit: 200))"
        let remote = rule.sources == .any ? "Any" : rule.sources.addresses.map(\.description).joined(separator: ",")
        // A host in the internet zone (a roaming laptop) or a source anywhere: every profile, Public too.
        let anywhere = rule.sources == .any || rule.sources.addresses.contains { $0.isV4 == nil } || rule.destinationZone == .internet
        let profile = anywhere ? "Any" : "Domain,Private"
        var parts = [
            "New-NetFirewallRule", "-DisplayName", quoted(name), "-Group", quoted("portolan \(group)"),
            "-Direction", "Inbound", "-Action", "Allow", "-Protocol", rule.transport.rawValue.uppercased(),
            "-LocalPort", rule.port.description, "-RemoteAddress", remote, "-Profile", profile,
        ]
        parts += ["-Description", quoted(String(RuleText.summary(rule).unicodeScalars.filter(\.isASCII).map(Character.init)))]
        return parts.joined(separator: " ")
    }

    /// A PowerShell single-quoted string (a quote inside is doubled).
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
