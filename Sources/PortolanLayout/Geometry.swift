/// A position on the character grid of a diagram: column `x`, row `y`, both from 0 at the top left.
public struct CellPoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The neighbouring cell one step in `direction`.
    public func moved(_ direction: Direction, by steps: Int = 1) -> CellPoint {
        let (dx, dy) = direction.delta
        return CellPoint(x: x + dx * steps, y: y + dy * steps)
    }

    public var description: String { "(\(x),\(y))" }

    /// Row-major order: top to bottom, then left to right.
    public static func < (lhs: CellPoint, rhs: CellPoint) -> Bool { (lhs.y, lhs.x) < (rhs.y, rhs.x) }
}

/// A rectangle of cells: `x..<x+width` by `y..<y+height`.
public struct CellRect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Int { x }
    public var minY: Int { y }
    /// The last column inside the rectangle.
    public var maxX: Int { x + width - 1 }
    /// The last row inside the rectangle.
    public var maxY: Int { y + height - 1 }

    public func contains(_ point: CellPoint) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }

    /// True if the point is inside and not on the outermost ring of cells.
    public func interiorContains(_ point: CellPoint) -> Bool {
        point.x > x && point.x < maxX && point.y > y && point.y < maxY
    }

    public func intersects(_ other: CellRect) -> Bool {
        x <= other.maxX && other.x <= maxX && y <= other.maxY && other.y <= maxY
    }

    /// The rectangle grown by `margin` cells on every side.
    public func inset(by margin: Int) -> CellRect {
        CellRect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }

    /// Every cell of the rectangle, row by row.
    public var cells: [CellPoint] {
        guard width > 0, height > 0 else { return [] }
        return (y...maxY).flatMap { row in (x...maxX).map { CellPoint(x: $0, y: row) } }
    }

    /// The Manhattan distance from `point` to the nearest cell of the rectangle.
    public func distance(to point: CellPoint) -> Int {
        let dx = point.x < x ? x - point.x : (point.x > maxX ? point.x - maxX : 0)
        let dy = point.y < y ? y - point.y : (point.y > maxY ? point.y - maxY : 0)
        return dx + dy
    }

    public var description: String { "\(x),\(y) \(width)x\(height)" }
}

/// A slot in a zone's placement grid (row and column of the vendor's figure), not a screen cell.
public struct GridPoint: Hashable, Sendable, Comparable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    public static func < (lhs: GridPoint, rhs: GridPoint) -> Bool { (lhs.row, lhs.column) < (rhs.row, rhs.column) }
}

/// One of the four grid directions.
public enum Direction: Int, Hashable, Sendable, CaseIterable {
    case up, down, left, right

    /// The step in columns and rows.
    public var delta: (Int, Int) {
        switch self {
        case .up: (0, -1)
        case .down: (0, 1)
        case .left: (-1, 0)
        case .right: (1, 0)
        }
    }

    public var opposite: Direction {
        switch self {
        case .up: .down
        case .down: .up
        case .left: .right
        case .right: .left
        }
    }

    public var isHorizontal: Bool { self == .left || self == .right }

    /// The single-direction mask.
    public var mask: LineMask {
        switch self {
        case .up: .up
        case .down: .down
        case .left: .left
        case .right: .right
        }
    }
}

/// The sides of a cell a line leaves through; a glyph table turns a mask into a character.
public struct LineMask: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let up = LineMask(rawValue: 1)
    public static let down = LineMask(rawValue: 2)
    public static let left = LineMask(rawValue: 4)
    public static let right = LineMask(rawValue: 8)

    public static let horizontal: LineMask = [.left, .right]
    public static let vertical: LineMask = [.up, .down]

    /// The directions in the mask, in `Direction` order.
    public var directions: [Direction] { Direction.allCases.filter { contains($0.mask) } }
}
