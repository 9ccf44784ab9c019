import Synchronization
import PortolanCore

/// The per-arrow families of `/metrics`, written as Prometheus text straight from the latest round.
///
/// swift-prometheus 2.4 keeps an object per series and copies a family's dictionary on every
/// registration, so registering n series costs O(n²): 100,000 targets (about a million series) would
/// take hours, and the objects alone hundreds of MiB. These families are instead kept as one compact row
/// per probe (its label text rendered once per round) and written out on each scrape, in chunks, so a
/// scrape neither builds nor holds the whole text. swift-prometheus still owns the handful of other
/// series (rounds, vantage points, reloads); see DECISIONS.md, "Watch".
public final class ArrowSeriesText: Sendable {
    /// One probed arrow × target × vantage point, as its series need it.
    struct Row: Sendable {
        /// `schema="…",arrow="…",…,vantage="…"`, escaped.
        var labels: [UInt8]
        var up: Bool
        var health: LinkHealth
        var latency: Double?
        var notAfter: Double?
        var sha256: [UInt8]?
        var changes: Int
    }

    private struct Table: Sendable {
        var rows: [Row] = []
        /// Whether the rows' text has the `portolan_arrow_state` state set.
        var states = true
        /// The change counters that are not 0, by label text: most probes never change, so this stays small.
        var changes: [[UInt8]: Int] = [:]
    }

    private let table = Mutex(Table())

    public init() {}

    /// How many probes have series now.
    public var count: Int { table.withLock { $0.rows.count } }

    /// Replaces the rows by those of `results`; the change counters of probes still present carry
    /// over (plus one for each in `changed`), those of vanished probes go with their series.
    ///
    /// Memory: a row whose label text equals that of the previous round's row at the same place (the
    /// plan did not change) shares its bytes, so while a round is published the old and new rows do
    /// not hold the labels twice (at 100,000 probes, about 16 MiB each).
    ///
    /// - Parameters:
    ///   - changed: the label texts (`labels(_:)`) of the probes whose state changed this round.
    ///   - states: whether the text has the seven-series state set for each probe.
    func record(_ results: [ProbeResult], changed: Set<[UInt8]>, states: Bool = true) {
        let previous = table.withLock { $0 }
        var next = Table()
        next.states = states
        next.rows.reserveCapacity(results.count)
        var seen = Set<[UInt8]>(minimumCapacity: results.count)
        for result in results {
            guard let arrow = result.arrow else { continue }
            var labels = Self.labels([
                arrow.schema.rawValue, arrow.label.rawValue, arrow.from.rawValue, arrow.to.rawValue, result.target.host.description,
                result.outcome.address?.description ?? "", String(result.target.port.rawValue), result.target.transport.rawValue,
                result.vantage.description,
            ])
            let place = next.rows.count
            if place < previous.rows.count, previous.rows[place].labels == labels { labels = previous.rows[place].labels }
            guard seen.insert(labels).inserted else { continue }
            let changes = (previous.changes[labels] ?? 0) + (changed.contains(labels) ? 1 : 0)
            if changes > 0 { next.changes[labels] = changes }
            let certificate = result.outcome.tls?.certificate
            next.rows.append(Row(
                labels: labels, up: result.isExpected, health: LinkHealth(result), latency: result.outcome.latency.map(WatchMetrics.seconds),
                notAfter: certificate.map { $0.notAfter.timeIntervalSince1970 }, sha256: certificate.map { Self.escaped($0.sha256) }, changes: changes))
        }
        table.withLock { $0 = next }
    }

    /// A cursor over the text of the rows as they are now (later rounds do not disturb it).
    func cursor() -> ArrowTextCursor { table.withLock { ArrowTextCursor(rows: $0.rows, states: $0.states) } }

    /// The label text of one probe: `WatchMetrics.arrowLabels` = `values`, each value escaped.
    static func labels(_ values: [String]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(160)
        for (index, (name, value)) in zip(WatchMetrics.arrowLabels, values).enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(contentsOf: name.utf8)
            text.append(contentsOf: "=\"".utf8)
            text.append(contentsOf: escaped(value))
            text.append(UInt8(ascii: "\""))
        }
        return text
    }

    /// A label value as the text format wants it: backslash, double quote and line feed escaped.
    static func escaped(_ value: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: bytes.append(byte)
            }
        }
        return bytes
    }
}

/// Writes the per-arrow families, family after family (the text format wants each family's lines in
/// one group), a chunk at a time.
struct ArrowTextCursor: Sendable {
    /// The families, in the order they are written.
    enum Family: Int, CaseIterable, Sendable {
        case up, state, duration, notAfter, certificate, changes

        var name: String {
            switch self {
            case .up: "portolan_arrow_up"
            case .state: "portolan_arrow_state"
            case .duration: "portolan_probe_duration_seconds"
            case .notAfter: "portolan_tls_cert_not_after_timestamp_seconds"
            case .certificate: "portolan_tls_cert_info"
            case .changes: "portolan_state_changes_total"
            }
        }

        var help: String {
            switch self {
            case .up: "1 when the arrow answers as documented from its vantage point, else 0."
            case .state: "1 for the arrow's live state, 0 for the others (one series per state)."
            case .duration: "How long the probe took to get its answer (connect, datagram)."
            case .notAfter: "When the certificate the port presented expires, in seconds since the Unix epoch."
            case .certificate: "1 per certificate a port presents, labelled with its SHA-256 fingerprint."
            case .changes: "How often the arrow's live state changed since the watcher started."
            }
        }

        /// `# HELP` and `# TYPE` lines.
        var header: [UInt8] { Array("# HELP \(name) \(help)\n# TYPE \(name) \(self == .changes ? "counter" : "gauge")\n".utf8) }

        func has(_ row: ArrowSeriesText.Row) -> Bool {
            switch self {
            case .up, .state, .changes: true
            case .duration: row.latency != nil
            case .notAfter: row.notAfter != nil
            case .certificate: row.sha256 != nil
            }
        }
    }

    let rows: [ArrowSeriesText.Row]
    /// Whether `portolan_arrow_state` is written.
    let states: Bool
    private var family = 0
    private var row = 0
    private var headerWritten = false
    private static let stateSuffixes: [(LinkHealth, [UInt8])] = WatchMetrics.states.map { ($0, Array(",state=\"\($0.rawValue)\"} ".utf8)) }

    init(rows: [ArrowSeriesText.Row], states: Bool) {
        self.rows = rows
        self.states = states
    }

    /// The next piece of text, about `size` bytes (whole lines); `nil` once everything is written.
    mutating func next(size: Int = 1 << 18) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(size + 2048)
        while family < Family.allCases.count, out.count < size {
            guard row < rows.count, let current = Family(rawValue: family), current != .state || states else {
                family += 1
                row = 0
                headerWritten = false
                continue
            }
            let entry = rows[row]
            row += 1
            guard current.has(entry) else { continue }
            if !headerWritten {
                out.append(contentsOf: current.header)
                headerWritten = true
            }
            Self.write(current, entry, into: &out)
        }
        return out.isEmpty ? nil : out
    }

    private static let names: [[UInt8]] = Family.allCases.map { Array("\($0.name){".utf8) }
    private static let close: [UInt8] = Array("} ".utf8)

    private static func write(_ family: Family, _ row: ArrowSeriesText.Row, into out: inout [UInt8]) {
        func line(_ value: String, suffix: [UInt8] = close) {
            out.append(contentsOf: names[family.rawValue])
            out.append(contentsOf: row.labels)
            out.append(contentsOf: suffix)
            out.append(contentsOf: value.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        switch family {
        case .up: line(row.up ? "1" : "0")
        case .state:
            for (state, suffix) in stateSuffixes { line(state == row.health ? "1" : "0", suffix: suffix) }
        case .duration: line(row.latency.map { "\($0)" } ?? "")
        case .notAfter: line(row.notAfter.map { "\($0)" } ?? "")
        case .certificate: line("1", suffix: Array(",sha256=\"".utf8) + (row.sha256 ?? []) + Array("\"} ".utf8))
        case .changes: line(String(row.changes))
        }
    }
}
