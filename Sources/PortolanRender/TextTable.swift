import PortolanLayout

/// A plain text table with a header row, columns padded to their widest cell by display width.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// The columns whose cells wrap (at spaces, the widest first) when the table is wider than the width
    /// it is rendered for.
    public var wrapping: [Int]

    /// The narrowest a wrapping column gets (or its header's width), however narrow the terminal.
    static let narrowestWrap = 10

    public init(header: [String], rows: [[String]] = [], wrapping: [Int] = []) {
        self.header = header
        self.rows = rows
        self.wrapping = wrapping
    }

    /// The table as lines; columns are separated by two spaces, the header underlined with dashes.
    ///
    /// - Parameter width: the terminal's width; where the table is wider, the `wrapping` columns narrow,
    ///   the widest first, and their cells wrap onto more lines (never narrower than `narrowestWrap`
    ///   columns or their header). `nil`: no limit.
    public func render(width: Int? = nil) -> String {
        let all = [header] + rows
        let count = all.map(\.count).max() ?? 0
        var widths = (0..<count).map { column in
            all.map { $0.indices.contains(column) ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
        }
        let gaps = 2 * max(0, count - 1)
        let floor = { (column: Int) in max(Self.narrowestWrap, DisplayWidth.of(header[safe: column] ?? "")) }
        if let width {
            while widths.reduce(0, +) + gaps > width,
                let widest = wrapping.filter({ widths.indices.contains($0) && widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] })
            {
                widths[widest] -= 1
            }
        }
        func lines(_ cells: [String]) -> [String] {
            let parts = widths.indices.map { index -> [String] in
                let cell = cells[safe: index] ?? ""
                return wrapping.contains(index) && DisplayWidth.of(cell) > widths[index] ? LabelText.wrap(cell, width: widths[index]) : [cell]
            }
            let height = parts.map(\.count).max() ?? 1
            return (0..<height).map { row in
                var out = ""
                for (index, width) in widths.enumerated() {
                    let cell = parts[index][safe: row] ?? ""
                    let last = index == widths.count - 1
                    out += last ? cell : cell + String(repeating: " ", count: max(0, width - DisplayWidth.of(cell)) + 2)
                }
                // A wrapped cell's later lines leave the columns after it empty: no trailing blanks.
                return row == 0 ? out : String(out.reversed().drop { $0 == " " }.reversed())
            }
        }
        var out = lines(header) + lines(widths.map { String(repeating: "-", count: $0) })
        out += rows.flatMap(lines)
        return out.joined(separator: "\n") + "\n"
    }
}

extension Array {
    /// The element at `index`, or nil outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// The number of terminal columns a string takes.
public enum DisplayWidth {
    /// Counts East Asian wide characters and emoji as two columns, combining marks as none.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}
