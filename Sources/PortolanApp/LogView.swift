import Foundation
import PortolanCore

/// How the event log is shown: where it is scrolled to, whether it follows new lines, and whether it
/// shows problems only. The lines themselves are `LiveState.log`, folded by `LogView.rows`.
public struct LogView: Sendable, Hashable {
    /// Rows hidden below the view: 0 shows the newest row at the bottom.
    public var offset = 0
    /// New rows keep the view at the bottom (FOLLOW); off, the view holds still (PAUSED).
    public var following = true
    /// Only rows that are problems: a state that is not as documented (UDP silence is as documented), an
    /// error, or a flapping arrow.
    public var problemsOnly = false

    /// Two changes of one arrow at most this far apart (seconds) fold into one row: a flap.
    public static let foldWindow: TimeInterval = 120

    public init() {}

    /// One row of the log as shown: an entry, or a flapping arrow's changes folded into its latest.
    public struct Row: Sendable, Hashable {
        /// The latest entry folded into the row.
        public var entry: LogEntry
        /// How many changes the row folds (1 for a single entry).
        public var count = 1
        /// When the first folded change happened.
        public var since: Date

        /// The row's text: the latest change, then `×7 in 2 min` when it folds several.
        public var text: String {
            count > 1 ? entry.text + " ×\(count) in " + LogView.span(entry.time.timeIntervalSince(since)) : entry.text
        }

        /// True when the row belongs in the problems-only view.
        public var isProblem: Bool {
            if count > 1 { return true }
            guard let health = entry.health else { return false }
            return health.isProblem
        }
    }

    /// The log's entries as rows: each arrow's changes that follow each other within `foldWindow` fold into
    /// one row at the place of the latest; then the problems-only filter.
    public static func rows(_ log: [LogEntry], problemsOnly: Bool) -> [Row] {
        var rows: [Row?] = []
        var lastRow: [ArrowRef: Int] = [:]
        for entry in log {
            if let arrow = entry.arrow, let index = lastRow[arrow], var row = rows[index],
                entry.time.timeIntervalSince(row.entry.time) <= foldWindow
            {
                rows[index] = nil
                row.entry = entry
                row.count += 1
                rows.append(row)
            } else {
                rows.append(Row(entry: entry, since: entry.time))
            }
            if let arrow = entry.arrow { lastRow[arrow] = rows.count - 1 }
        }
        let all = rows.compactMap { $0 }
        return problemsOnly ? all.filter(\.isProblem) : all
    }

    /// A duration in the words of a folded row: `40 s`, `2 min`, `1 h 5 min`.
    static func span(_ seconds: TimeInterval) -> String {
        let whole = max(0, Int(seconds.rounded()))
        if whole < 60 { return "\(whole) s" }
        let minutes = Int((Double(whole) / 60).rounded())
        return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }

    /// Keeps the view on the same rows when rows arrive while PAUSED; following, stays at the bottom.
    mutating func hold(rowsBefore: Int, after: Int) {
        if following {
            offset = 0
        } else {
            offset = max(0, offset + after - rowsBefore)
        }
    }

    /// Back to the newest row, following.
    mutating func follow() {
        following = true
        offset = 0
    }
}

extension AppState {
    /// The event log's rows as shown (folded, filtered).
    public var logRows: [LogView.Row] { LogView.rows(live.log, problemsOnly: logView.problemsOnly) }

    /// How many rows the log pane shows at once.
    var logPageHeight: Int { max(1, screenLayout.log.height - 2) }

    /// Scrolls the log; scrolling up stops following, reaching the bottom does not start it again (`F`
    /// or `G` does).
    mutating func scrollLog(by step: Int) {
        let limit = max(0, logRows.count - logPageHeight)
        logView.offset = max(0, min(limit, logView.offset - step))
        if step < 0, logView.offset > 0 { logView.following = false }
    }

    /// `F`: follow new rows (and jump to the newest) or hold the view where it is.
    mutating func toggleFollow() {
        if logView.following {
            logView.following = false
        } else {
            logView.follow()
        }
        message = logView.following ? "event log: following new lines" : "event log: paused (F follows again)"
    }

    /// `!`: problems only, or every row; the view goes to the newest row.
    mutating func toggleProblemsOnly() {
        logView.problemsOnly.toggle()
        logView.offset = 0
        message = logView.problemsOnly ? "event log: problems only (! shows every line)" : "event log: every line"
    }
}
