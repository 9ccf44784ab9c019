/// Whether `/metrics` carries the `portolan_arrow_state` state set (seven 0/1 series per probe).
///
/// The state set lets an alert match a state without parsing, but it is seven of a probe's ten
/// series: at 100,000 targets it is 700,000 series and about 120 MiB of text a scrape. So by default it
/// is written only for rounds of at most `automaticLimit` probes; above that `portolan_arrow_up` (and the
/// events and `/api/v1/state`, which name the state) remain. See DECISIONS.md, "Watch".
public enum StateSeries: String, Sendable, CaseIterable {
    /// Written for rounds of at most `automaticLimit` probes.
    case auto
    /// Always written.
    case on
    /// Never written.
    case off

    /// The most probes a round may have for `auto` to write the state set.
    public static let automaticLimit = 10_000

    /// Whether a round of `probes` probes gets the state set.
    public func includes(probes: Int) -> Bool {
        switch self {
        case .auto: probes <= Self.automaticLimit
        case .on: true
        case .off: false
        }
    }
}
