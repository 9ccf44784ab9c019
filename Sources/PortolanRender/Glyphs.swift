import PortolanCore
import PortolanLayout

/// The character sets a text diagram can be drawn in.
public enum Charset: String, Sendable, Hashable, CaseIterable {
    /// Strictly 7-bit: `+ - | > < ^ v`, pasteable anywhere.
    case ascii
    /// Box drawing, a shaded `░` DMZ frame, dashed UDP lines, `▶◀▲▼` heads.
    case unicode
}

/// Maps typed line pieces (`LinePiece`) to characters for one charset: the one place that says what a
/// TCP line, a DBMS corner or a DMZ boundary looks like in unicode and in ASCII. The terminal's
/// line-drawing set is the third table (`GlyphTable.lineDrawing`).
public struct GlyphTable: Sendable {
    /// The pieces of one kind of line: straight runs and the four corners.
    public struct LineSet: Sendable, Hashable {
        public var horizontal: Character
        public var vertical: Character
        public var downRight: Character
        public var downLeft: Character
        public var upRight: Character
        public var upLeft: Character
    }

    public let charset: Charset

    public init(_ charset: Charset) { self.charset = charset }

    /// The character of a typed line cell.
    public func character(_ piece: LinePiece) -> Character {
        switch piece.shape {
        case let .head(direction): return head(direction)
        case .cross: return crossing
        case let .tee(missing): return tee(piece.style, missing: missing)
        case .horizontal: return lines(piece.style).horizontal
        case .vertical: return lines(piece.style).vertical
        case .downRight: return lines(piece.style).downRight
        case .downLeft: return lines(piece.style).downLeft
        case .upRight: return lines(piece.style).upRight
        case .upLeft: return lines(piece.style).upLeft
        }
    }

    /// The line pieces of a link kind; each kind's straight runs differ from every other kind's.
    public func lines(_ link: LinkKind) -> LineSet { lines(.link(link)) }

    /// The straight runs and corners of a line style.
    public func lines(_ style: LineStyle) -> LineSet {
        switch (charset, style) {
        case (.unicode, .link(.tcp)), (.unicode, .box), (.unicode, .pane(focused: false)):
            LineSet(horizontal: "─", vertical: "│", downRight: "┌", downLeft: "┐", upRight: "└", upLeft: "┘")
        case (.unicode, .link(.udp)): LineSet(horizontal: "┄", vertical: "┆", downRight: "┌", downLeft: "┐", upRight: "└", upLeft: "┘")
        case (.unicode, .link(.dbms)), (.unicode, .pane(focused: true)):
            LineSet(horizontal: "━", vertical: "┃", downRight: "┏", downLeft: "┓", upRight: "┗", upLeft: "┛")
        case (.unicode, .link(.https)): LineSet(horizontal: "═", vertical: "║", downRight: "╔", downLeft: "╗", upRight: "╚", upLeft: "╝")
        case (.unicode, .link(.com)): LineSet(horizontal: "≈", vertical: "≀", downRight: "┌", downLeft: "┐", upRight: "└", upLeft: "┘")
        case (.unicode, .boundary): LineSet(horizontal: "░", vertical: "░", downRight: "░", downLeft: "░", upRight: "░", upLeft: "░")
        case (.ascii, .link(.tcp)), (.ascii, .box), (.ascii, .pane(focused: false)): Self.ascii("-", "|")
        case (.ascii, .link(.udp)): Self.ascii(".", ":")
        case (.ascii, .link(.dbms)): Self.ascii("=", "H")
        case (.ascii, .pane(focused: true)): Self.ascii("=", "|")
        case (.ascii, .link(.https)): Self.ascii("~", "!")
        case (.ascii, .link(.com)): Self.ascii("*", "*")
        case (.ascii, .boundary): LineSet(horizontal: "#", vertical: "#", downRight: "#", downLeft: "#", upRight: "#", upLeft: "#")
        }
    }

    private static func ascii(_ horizontal: Character, _ vertical: Character) -> LineSet {
        LineSet(horizontal: horizontal, vertical: vertical, downRight: "+", downLeft: "+", upRight: "+", upLeft: "+")
    }

    /// The character for a route cell.
    public func glyph(_ cell: EdgeCell) -> Character { character(LinePiece(cell)) }

    /// A T of a line style, open on every side but `missing`: where merged routes join, where a route
    /// leaves a box's border.
    public func tee(_ style: LineStyle, missing: Direction) -> Character {
        guard charset == .unicode else { return "+" }
        let pieces: [Character]
        switch style {
        case .link(.dbms), .pane(focused: true): pieces = ["┳", "┻", "┣", "┫"]
        case .link(.https): pieces = ["╦", "╩", "╠", "╣"]
        default: pieces = ["┬", "┴", "├", "┤"]
        }
        switch missing {
        case .up: return pieces[0]
        case .down: return pieces[1]
        case .left: return pieces[2]
        case .right: return pieces[3]
        }
    }

    /// An arrowhead pointing in `direction`.
    public func head(_ direction: Direction) -> Character {
        switch (charset, direction) {
        case (.unicode, .right): "▶"
        case (.unicode, .left): "◀"
        case (.unicode, .up): "▲"
        case (.unicode, .down): "▼"
        case (.ascii, .right): ">"
        case (.ascii, .left): "<"
        case (.ascii, .up): "^"
        case (.ascii, .down): "v"
        }
    }

    /// Where two routes (or a route and the DMZ boundary) cross at right angles.
    public var crossing: Character { charset == .unicode ? "┼" : "+" }

    /// A role box or process rectangle: square corners.
    public var box: LineSet { lines(.box) }

    /// The DMZ boundary: a band of shade (`░`, ASCII `#`) that no route line looks like, so that a line
    /// running beside the zone never reads as its frame.
    public var boundary: LineSet { lines(.boundary) }

    /// A short sample of a link kind as the legend shows it: `───▶`, `┄┄┄▶`, `≈≈ COM`.
    public func sample(_ link: LinkKind) -> String {
        let run = String(repeating: String(lines(link).horizontal), count: 4)
        return link == .com ? run + " COM" : run + String(head(.right))
    }

    /// Every line style and shape there is, for tables built from this one.
    public static let allPieces: [LinePiece] = {
        let styles: [LineStyle] = LinkKind.allCases.map { .link($0) } + [.box, .boundary, .pane(focused: false), .pane(focused: true)]
        let shapes: [LineShape] = [.horizontal, .vertical, .downRight, .downLeft, .upRight, .upLeft, .cross]
            + Direction.allCases.map { .tee(missing: $0) } + Direction.allCases.map { .head($0) }
        return styles.flatMap { style in shapes.map { LinePiece(style, $0) } }
    }()
}
