import PortolanCore
import PortolanLayout

/// What kind of line a cell belongs to: a link kind's route, a box, the DMZ boundary, a pane frame.
///
/// Canvas cells keep it until the terminal draws them, so that each charset (unicode, the terminal's
/// line-drawing set, ASCII) picks its own glyph from the type, never from another charset's character.
public enum LineStyle: Hashable, Sendable {
    /// A route or COM line of a link kind.
    case link(LinkKind)
    /// A role box or process rectangle.
    case box
    /// The DMZ boundary (a shaded band).
    case boundary
    /// A dashboard pane's frame; the focused pane's is heavier.
    case pane(focused: Bool)
}

/// Which piece of a line a cell is.
public enum LineShape: Hashable, Sendable {
    case horizontal, vertical
    /// Corners, named by the two sides they join.
    case downRight, downLeft, upRight, upLeft
    /// A T joining three sides: every side but `missing`.
    case tee(missing: Direction)
    /// Four sides: two lines crossing at right angles.
    case cross
    /// An arrowhead pointing in a direction.
    case head(Direction)
}

/// A typed line cell: its style and its shape.
public struct LinePiece: Hashable, Sendable {
    public var style: LineStyle
    public var shape: LineShape

    public init(_ style: LineStyle, _ shape: LineShape) {
        self.style = style
        self.shape = shape
    }

    /// The piece of a route cell: its head, a crossing or junction, a corner or a straight run.
    public init(_ cell: EdgeCell) {
        style = .link(cell.link)
        if let head = cell.head {
            shape = .head(head)
            return
        }
        switch cell.mask.directions.count {
        case 4: shape = .cross
        case 3: shape = .tee(missing: Direction.allCases.first { !cell.mask.contains($0.mask) } ?? .up)
        default:
            switch cell.mask {
            case [.down, .right]: shape = .downRight
            case [.down, .left]: shape = .downLeft
            case [.up, .right]: shape = .upRight
            case [.up, .left]: shape = .upLeft
            case .left, .right, .horizontal: shape = .horizontal
            case .up, .down, .vertical: shape = .vertical
            default: shape = .cross
            }
        }
    }
}
