import PortolanCore
import PortolanLayout

/// The character sets a text diagram can be drawn in.
public enum Charset: String, Sendable, Hashable, CaseIterable {
    /// Strictly 7-bit: `+ - | > < ^ v`, pasteable anywhere.
    case ascii
    /// Box drawing, rounded DMZ corners, dashed UDP lines, `▶◀▲▼` heads.
    case unicode
}

/// Maps line masks, link kinds and frame pieces to characters for one charset.
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

    /// The line pieces of a link kind; each kind's straight runs differ from every other kind's.
    public func lines(_ link: LinkKind) -> LineSet {
        switch (charset, link) {
        case (.unicode, .tcp): LineSet(horizontal: "─", vertical: "│", downRight: "┌", downLeft: "┐", upRight: "└", upLeft: "┘")
        case (.unicode, .udp): LineSet(horizontal: "┄", vertical: "┆", downRight: "┌", downLeft: "┐", upRight: "└", upLeft: "┘")
        case (.unicode, .dbms): LineSet(horizontal: "━", vertical: "┃", downRight: "┏", downLeft: "┓", upRight: "┗", upLeft: "┛")
        case (.unicode, .https): LineSet(horizontal: "═", vertical: "║", downRight: "╔", downLeft: "╗", upRight: "╚", upLeft: "╝")
        case (.unicode, .com): LineSet(horizontal: "≈", vertical: "≀", downRight: "┌", downLeft: "┐", upRight: "└", upLeft: "┘")
        case (.ascii, .tcp): LineSet(horizontal: "-", vertical: "|", downRight: "+", downLeft: "+", upRight: "+", upLeft: "+")
        case (.ascii, .udp): LineSet(horizontal: ".", vertical: ":", downRight: "+", downLeft: "+", upRight: "+", upLeft: "+")
        case (.ascii, .dbms): LineSet(horizontal: "=", vertical: "#", downRight: "+", downLeft: "+", upRight: "+", upLeft: "+")
        case (.ascii, .https): LineSet(horizontal: "~", vertical: "!", downRight: "+", downLeft: "+", upRight: "+", upLeft: "+")
        case (.ascii, .com): LineSet(horizontal: "*", vertical: "*", downRight: "+", downLeft: "+", upRight: "+", upLeft: "+")
        }
    }

    /// The character for a line cell.
    public func glyph(_ cell: EdgeCell) -> Character {
        if let head = cell.head { return self.head(head) }
        let count = cell.mask.directions.count
        if count == 4 { return crossing }
        if count == 3 { return junction(cell.link, missing: Direction.allCases.first { !cell.mask.contains($0.mask) } ?? .up) }
        let set = lines(cell.link)
        switch cell.mask {
        case [.down, .right]: return set.downRight
        case [.down, .left]: return set.downLeft
        case [.up, .right]: return set.upRight
        case [.up, .left]: return set.upLeft
        case .left, .right, .horizontal: return set.horizontal
        case .up, .down, .vertical: return set.vertical
        default: return crossing
        }
    }

    /// Where merged lines of one kind join: a T open on every side but `missing`.
    public func junction(_ link: LinkKind, missing: Direction) -> Character {
        guard charset == .unicode else { return "+" }
        let pieces: [Character]
        switch link {
        case .dbms: pieces = ["┳", "┻", "┣", "┫"]
        case .https: pieces = ["╦", "╩", "╠", "╣"]
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
    public var box: LineSet {
        charset == .unicode
            ? LineSet(horizontal: "─", vertical: "│", downRight: "┌", downLeft: "┐", upRight: "└", upLeft: "┘")
            : LineSet(horizontal: "-", vertical: "|", downRight: "+", downLeft: "+", upRight: "+", upLeft: "+")
    }

    /// The DMZ boundary: a rectangle with rounded corners.
    public var boundary: LineSet {
        charset == .unicode
            ? LineSet(horizontal: "─", vertical: "│", downRight: "╭", downLeft: "╮", upRight: "╰", upLeft: "╯")
            : LineSet(horizontal: "-", vertical: "|", downRight: ".", downLeft: ".", upRight: "'", upLeft: "'")
    }

    /// A box border where a route leaves: the border piece with a branch towards `side`.
    public func tee(_ side: Direction) -> Character {
        guard charset == .unicode else { return "+" }
        switch side {
        case .up: return "┴"
        case .down: return "┬"
        case .left: return "┤"
        case .right: return "├"
        }
    }

    /// A short sample of a link kind as the legend shows it: `───▶`, `┄┄┄▶`, `≈≈ COM`.
    public func sample(_ link: LinkKind) -> String {
        let run = String(repeating: String(lines(link).horizontal), count: 4)
        return link == .com ? run + " COM" : run + String(head(.right))
    }
}
