import Foundation
import Testing

/// A tmux screen with the colours and attributes of every cell (`capture-pane -e`), so that a test can
/// check what a person sees in colour, not only the characters.
struct StyledScreen {
    /// One row: its characters and, per character, a key naming its SGR state (equal keys, equal looks).
    struct Row {
        var characters: [Character]
        var styles: [String]

        var text: String { String(characters) }

        /// The style of the character at `offset` of the first occurrence of `needle`, if it occurs.
        func style(of needle: String, at offset: Int = 0) -> String? {
            guard let range = text.range(of: needle) else { return nil }
            let start = text.distance(from: text.startIndex, to: range.lowerBound)
            return styles.indices.contains(start + offset) ? styles[start + offset] : nil
        }
    }

    var rows: [Row]

    /// Parses `capture-pane -p -e` output: SGR sequences change the state; other escapes are skipped.
    init(_ raw: String) {
        var state: [String: String] = [:]
        rows = raw.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var row = Row(characters: [], styles: [])
            let scalars = Array(line.unicodeScalars)
            var index = 0
            while index < scalars.count {
                if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
                    var end = index + 2
                    while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
                    if end < scalars.count, scalars[end] == "m" {
                        let parameters = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
                        Self.apply(parameters, to: &state)
                    }
                    index = end + 1
                    continue
                }
                if scalars[index] == "\u{1B}" {
                    index += 2
                    continue
                }
                row.characters.append(Character(scalars[index]))
                row.styles.append(state.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
                index += 1
            }
            return row
        }
    }

    private static func apply(_ parameters: String, to state: inout [String: String]) {
        let parts = parameters.isEmpty ? ["0"] : parameters.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < parts.count {
            let part = parts[index].isEmpty ? "0" : parts[index]
            switch part {
            case "0": state = [:]
            case "38", "48":
                let count = index + 1 < parts.count && parts[index + 1] == "5" ? 2 : 4
                let value = parts[min(parts.count, index + 1)..<min(parts.count, index + 1 + count)].joined(separator: ":")
                state[part == "38" ? "fg" : "bg"] = value
                index += count
            case "39": state["fg"] = nil
            case "49": state["bg"] = nil
            default:
                if let code = Int(part), (30...37).contains(code) || (90...97).contains(code) {
                    state["fg"] = part
                } else if let code = Int(part), (40...47).contains(code) || (100...107).contains(code) {
                    state["bg"] = part
                } else {
                    state["attr" + part] = "on"
                }
            }
            index += 1
        }
    }
}

extension TmuxSession {
    /// The screen with every cell's style.
    func styledScreen() throws -> StyledScreen { StyledScreen(try tmux(["capture-pane", "-p", "-e", "-t", "t"])) }

    /// The screen with every cell's style once two captures a tenth of a second apart agree: ncurses paints
    /// a frame in pieces, and a capture between two pieces shows half a frame. For screens that stand still
    /// (no flapping arrow, a long interval).
    func settledStyledScreen(seconds: Double = 30) throws -> StyledScreen {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try tmux(["capture-pane", "-p", "-e", "-t", "t"])
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            let next = try tmux(["capture-pane", "-p", "-e", "-t", "t"])
            if next == last { return StyledScreen(next) }
            last = next
        }
        Issue.record("the screen did not settle within \(seconds) s; the last was:\n\(last)")
        throw TimedOut()
    }
}
