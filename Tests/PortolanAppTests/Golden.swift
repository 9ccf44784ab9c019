import Foundation
import PortolanCore
import PortolanRender
import PortolanTestSupport
import Testing

/// Golden files of rendered canvases: the characters, then one letter per cell for its style role, so
/// that selection, live colours and chrome are checked as well as text. `PORTOLAN_RECORD=1` rewrites
/// them, and a recording run fails on purpose so that it is never mistaken for a pass.
enum Golden {
    static let folder = GoldenFolder()

    static func text(_ canvas: Canvas) -> String {
        let styles = (0..<canvas.height).map { y in
            String((0..<canvas.width).map { x in letter(canvas[x, y].style) })
        }
        return canvas.lines().joined(separator: "\n") + "\n--- styles ---\n" + styles.joined(separator: "\n") + "\n"
    }

    /// One letter per style role; lower case for the figure, upper case for the dashboard's own.
    static func letter(_ style: StyleRole) -> Character {
        switch style {
        case .text: "."
        case .zoneFrame: "z"
        case .zoneTitle: "y"
        case .device: "d"
        case .process: "p"
        case .portLabel: "l"
        case .marker: "m"
        case .link: "k"
        case let .health(health):
            switch health {
            case .asDocumented: "O"
            case .closed: "X"
            case .filtered: "F"
            case .openFiltered: "U"
            case .tlsProblem: "L"
            case .error: "E"
            case .unknown: "?"
            }
        case .changed: "!"
        case .exposed: "W"
        case .chrome: "C"
        case .title: "T"
        case .selection: "S"
        case .statusBar: "B"
        case .muted: "M"
        }
    }

    static func check(_ canvas: Canvas, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        folder.check(text(canvas), "\(name).txt", sourceLocation: sourceLocation)
    }
}
