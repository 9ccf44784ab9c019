import Foundation
import PortolanCore

/// The table `portolan probe` and `portolan demo --no-tui` print: one row per probe (arrow, from → to,
/// target, where it was probed from, state, TLS verdict, latency, reason, whether as documented), then
/// warnings, the vantage note and each vantage point's state.
public struct ProbeTableView: Sendable {
    public var results: [ProbeResult]
    public var topology: String
    public var vantages: [VantageStatus]
    /// The number of arrows no probe covers (no port, COM, responder not bound).
    public var skipped: Int
    /// A last line of the caller's (the demo says what it simulated).
    public var note: String?

    public init(results: [ProbeResult], topology: String, vantages: [VantageStatus] = [], skipped: Int = 0, note: String? = nil) {
        self.results = results
        self.topology = topology
        self.vantages = vantages
        self.skipped = skipped
        self.note = note
    }

    /// `host:port/protocol`, with the address probed after a name (`admin.lab (10.0.0.5):13000/tcp`).
    public static func target(_ result: ProbeResult) -> String {
        let host = result.outcome.address.map { $0.description == result.target.host.description ? "\($0)" : "\(result.target.host) (\($0))" }
            ?? result.target.host.description
        return "\(host):\(result.target.port)/\(result.target.transport)"
    }

    /// A latency as tables print it: `0.42 ms`.
    public static func latency(_ duration: Duration) -> String { String(format: "%.2f ms", duration.milliseconds) }

    /// Where a probe went from: a vantage point's name, `here`, or `here (not the initiator)` for an arrow.
    public static func place(_ result: ProbeResult) -> String {
        switch result.vantage {
        case .here: result.arrow == nil ? "here" : "here (not the initiator)"
        case let .named(name): name
        }
    }

    /// The cells of one result's row.
    public static func row(_ result: ProbeResult) -> [String] {
        let arrow = result.arrow.map { "\($0.schema) \($0.label)" } ?? "-"
        let path = result.arrow.map { "\($0.from) → \($0.to)" } ?? "-"
        let target = target(result)
        let latency = result.outcome.latency.map(latency) ?? "-"
        let tls = result.outcome.tls.map(\.verdict.rawValue) ?? (result.target.tls == .yes || result.target.tls == .no ? "-" : "")
        var reason = result.outcome.reason.rawValue
        if let message = result.outcome.message { reason += ": \(message)" }
        return [arrow, path, target, place(result), result.outcome.state.rawValue, tls, latency, reason, result.isExpected ? "yes" : "NO"]
    }

    /// The report; the reason column wraps to fit `width` columns (`nil`: no limit).
    public func render(width: Int? = nil) -> String {
        let table = TextTable(
            header: ["arrow", "from → to", "target", "probed from", "state", "tls", "latency", "reason", "as documented"],
            rows: results.map(Self.row), wrapping: [7])
        var text = "topology \(topology): \(results.count) probes, \(results.filter { !$0.isExpected }.count) not as documented\n\n"
        text += table.render(width: width)
        var seen = Set<String>()
        for warning in results.flatMap(\.warnings) where seen.insert(warning).inserted { text += "warning: \(warning)\n" }
        let vantageNote = VantageNote.text(results)
        text += "\n" + vantageNote.prefix(1).uppercased() + vantageNote.dropFirst() + "."
        if skipped > 0 { text += " \(skipped) arrows not probed (no port, COM, or responder not bound)." }
        text += "\n"
        for status in vantages { text += "vantage \(status.summary(now: nil))\n" }
        if let note { text += note + "\n" }
        return text
    }
}
