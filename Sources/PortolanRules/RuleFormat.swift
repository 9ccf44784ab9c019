import PortolanCore

/// The forms `portolan rules --format` writes.
public enum RuleFormat: String, Sendable, CaseIterable {
    case nftables, iptables, windows, csv, markdown

    /// The rule set in this form.
    public func render(_ set: RuleSet) -> String {
        switch self {
        case .nftables: NftablesFormat.render(set)
        case .iptables: IptablesFormat.render(set)
        case .windows: WindowsFormat.render(set)
        case .csv: ChangeRequestFormat.csv(set)
        case .markdown: ChangeRequestFormat.markdown(set)
        }
    }
}
