import PortolanRender

/// Turns a theme's RGB colours into the colour numbers a terminal has: the xterm 256-colour cube and
/// grey ramp where there are 256 colours, the 16 (or 8) basic colours otherwise, none under NO_COLOR.
public struct Palette: Sendable, Hashable {
    public enum Depth: Sendable, Hashable {
        case none, basic8, basic16, xterm256
    }

    public let depth: Depth

    public init(depth: Depth) { self.depth = depth }

    /// The depth for a terminal that reports `colors` colours; `noColor` is the NO_COLOR variable being set.
    public init(colors: Int, noColor: Bool) {
        if noColor || colors < 8 {
            depth = .none
        } else if colors >= 256 {
            depth = .xterm256
        } else if colors >= 16 {
            depth = .basic16
        } else {
            depth = .basic8
        }
    }

    /// The terminal colour number nearest to `rgb`; -1 (the terminal's default) for `nil` or no colour.
    public func index(_ rgb: RGB?) -> Int {
        guard let rgb, depth != .none else { return -1 }
        switch depth {
        case .xterm256: return Self.xterm256(rgb)
        case .basic16: return Self.nearest(rgb, in: Self.basic.prefix(16))
        case .basic8: return Self.nearest(rgb, in: Self.basic.prefix(8))
        case .none: return -1
        }
    }

    /// The 16 basic colours as xterm draws them.
    static let basic: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ].map { RGB(red: UInt8($0.0), green: UInt8($0.1), blue: UInt8($0.2)) }

    private static func nearest(_ rgb: RGB, in colours: ArraySlice<RGB>) -> Int {
        colours.indices.min { distance(colours[$0], rgb) < distance(colours[$1], rgb) } ?? -1
    }

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.red) - Int(b.red), dg = Int(a.green) - Int(b.green), db = Int(a.blue) - Int(b.blue)
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }

    /// The nearest of the 6×6×6 cube (16...231) and the grey ramp (232...255).
    static func xterm256(_ rgb: RGB) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func step(_ value: UInt8) -> Int { levels.indices.min { abs(levels[$0] - Int(value)) < abs(levels[$1] - Int(value)) } ?? 0 }
        let r = step(rgb.red), g = step(rgb.green), b = step(rgb.blue)
        let cube = RGB(red: UInt8(levels[r]), green: UInt8(levels[g]), blue: UInt8(levels[b]))
        let average = (Int(rgb.red) + Int(rgb.green) + Int(rgb.blue)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let greyLevel = UInt8(8 + 10 * greyStep)
        let grey = RGB(red: greyLevel, green: greyLevel, blue: greyLevel)
        return distance(grey, rgb) < distance(cube, rgb) ? 232 + greyStep : 16 + 36 * r + 6 * g + b
    }
}
