import PortolanCore

/// Writes a rule set as `iptables-restore` input (IPv4; IPv6 addresses are left out with a comment):
/// the filter table's INPUT chain holds the host rules, FORWARD the perimeter's, both policy DROP.
public enum IptablesFormat {
    public static func render(_ set: RuleSet) -> String {
        var out = RuleText.header(set, comment: "#")
        out += "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
        out += "-A INPUT -i lo -j ACCEPT\n"
        for chain in ["INPUT", "FORWARD"] {
            out += "-A \(chain) -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
            out += "-A \(chain) -m conntrack --ctstate INVALID -j DROP\n"
        }
        for (chain, rules) in [("INPUT", set.hostRules), ("FORWARD", set.forwardRules)] {
            for rule in rules {
                out += "# \(RuleText.summary(rule))\n"
                guard let line = line(rule, chain: chain) else {
                    out += "# (left out: IPv6 only; write it with ip6tables-restore)\n"
                    continue
                }
                out += line + "\n"
            }
        }
        out += "COMMIT\n"
        return out
    }

    /// One `-A` line, or `nil` when an end is IPv6 only.
    static func line(_ rule: FirewallRule, chain: String) -> String? {
        var parts = ["-A", chain]
        for (flag, end) in [("-d", rule.destination), ("-s", rule.sources)] where end != .any {
            let v4 = end.addresses.filter { $0.isV4 != false }
            if v4.isEmpty { return nil }
            parts += [flag, v4.map(\.description).joined(separator: ",")]
        }
        let proto = rule.transport.rawValue
        parts += ["-p", proto, "-m", proto, "--dport", rule.port.description]
        parts += ["-m", "comment", "--comment", "\"\(RuleText.comment(rule, limit: 250))\"", "-j", "ACCEPT"]
        return parts.joined(separator: " ")
    }
}
