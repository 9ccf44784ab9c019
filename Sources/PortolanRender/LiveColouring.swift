import PortolanCore
import PortolanLayout

/// Paints each arrow of a figure in its own live state.
///
/// A line cell shows the worst state of the arrows drawn through it (a bundle shares its line and its
/// head, two routes may share a trunk); every label line, and every marker of a compact label, shows
/// its own arrow's state, with the state's mark beside it so that it reads without colour.
///
/// The dashboard's diagram pane, the `e` exports (ANSI) and the reports all paint through it.
public enum LiveColouring {
    /// Paints `canvas` (the whole figure, not a viewport).
    ///
    /// - Parameter unicode: false for the 7-bit marks of ASCII terminals.
    public static func paint(_ canvas: inout Canvas, _ diagram: Diagram, _ states: ArrowStates, unicode: Bool) {
        func health(_ arrow: ArrowRef) -> LinkHealth? { states(arrow) }
        var cells: [CellPoint: LinkHealth] = [:]
        for route in diagram.routes {
            guard let worst = route.arrows.compactMap(health).max() else { continue }
            for cell in route.cells { cells[cell] = max(cells[cell] ?? worst, worst) }
        }
        for (cell, health) in cells { canvas[cell.x, cell.y].style = .health(health) }
        for placed in diagram.labels {
            let route = diagram.routes[placed.route]
            for (row, labelLine) in placed.lines.enumerated() {
                let line = labelLine.description
                let y = placed.rect.y + row
                var lineWorst: LinkHealth?
                for segment in segments(line, row: row, arrows: route.arrows, lines: placed.lines.count) {
                    guard let state = segment.arrows.compactMap(health).max() else { continue }
                    let changed = segment.arrows.contains(where: states.changed.contains)
                    for x in (placed.rect.x + segment.start)..<(placed.rect.x + segment.end) where canvas[x, y].character != " " {
                        canvas[x, y].style = changed ? .changed(state) : .health(state)
                    }
                    lineWorst = max(lineWorst ?? state, state)
                }
                if let lineWorst { mark(&canvas, lineWorst, x: placed.rect.x, width: DisplayWidth.of(line), y: y, unicode: unicode) }
            }
        }
    }

    /// A run of columns of a label line and the arrows it stands for.
    struct Segment: Equatable {
        var start: Int
        var end: Int
        var arrows: [ArrowRef]
    }

    /// Which columns of label line `row` stand for which arrows: a full line for its own arrow; a compact
    /// line's markers (`[4][5]`) or ports (`13000 17000`) each for theirs; otherwise the whole line for all.
    static func segments(_ line: String, row: Int, arrows: [ArrowRef], lines: Int) -> [Segment] {
        let width = DisplayWidth.of(line)
        if lines == arrows.count || arrows.count == 1 {
            let arrow = arrows.indices.contains(row) ? [arrows[row]] : arrows
            return [Segment(start: 0, end: width, arrows: arrow)]
        }
        var out: [Segment] = []
        for arrow in arrows {
            let marker = LabelText.marker(arrow.label)
            guard let found = line.range(of: marker) else { continue }
            let column = DisplayWidth.of(String(line[..<found.lowerBound]))
            out.append(Segment(start: column, end: column + DisplayWidth.of(marker), arrows: [arrow]))
        }
        return out.isEmpty ? [Segment(start: 0, end: width, arrows: arrows)] : out
    }

    /// Writes a state's mark in the blank cell just left of a label line, or else just right of it.
    private static func mark(_ canvas: inout Canvas, _ health: LinkHealth, x: Int, width: Int, y: Int, unicode: Bool) {
        for spot in [x - 1, x + width] where canvas.contains(x: spot, y: y) && canvas[spot, y].character == " " {
            canvas[spot, y] = Cell(health.mark(unicode: unicode), style: .health(health))
            return
        }
    }
}
