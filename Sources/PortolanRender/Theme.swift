import PortolanCore

/// A colour: 24-bit RGB.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rrggbb`.
    public init?(hex: String) {
        guard hex.count == 7, hex.first == "#", let value = UInt32(hex.dropFirst(), radix: 16) else { return nil }
        red = UInt8((value >> 16) & 0xFF)
        green = UInt8((value >> 8) & 0xFF)
        blue = UInt8(value & 0xFF)
    }

    /// `#rrggbb`.
    public var description: String {
        "#" + [red, green, blue].map { value in
            let text = String(value, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}

/// How a style role looks: colours and attributes.
public struct Appearance: Hashable, Sendable {
    public var foreground: RGB?
    public var background: RGB?
    public var bold = false
    public var dim = false
    public var underline = false

    public init(foreground: RGB? = nil, background: RGB? = nil, bold: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
    }
}

/// Maps style roles to appearances; a value passed to the exporters, read from `Sources/PortolanRender/themes/NAME.yaml` (compiled in) or a file.
public struct Theme: Hashable, Sendable {
    public var name: String
    /// Appearances by theme key (`link.udp`, `device`, `text`...).
    public var styles: [String: Appearance]

    public init(name: String, styles: [String: Appearance]) {
        self.name = name
        self.styles = styles
    }

    /// The appearance of a role: its most specific key that the theme defines. A just-changed label
    /// without `changed` keys of its own is its health's appearance reversed (underlined where that
    /// has no colour to reverse).
    public func appearance(_ role: StyleRole) -> Appearance {
        for key in role.themeKeys { if let found = styles[key] { return found } }
        if role == .exposed {
            var look = appearance(.health(.tlsProblem))
            look.bold = true
            look.underline = true
            return look
        }
        if case let .changed(health) = role {
            var look = appearance(.health(health))
            guard let colour = look.foreground else {
                look.underline = true
                look.bold = true
                return look
            }
            look.foreground = look.background ?? RGB(red: 0, green: 0, blue: 0)
            look.background = colour
            look.bold = true
            return look
        }
        return Appearance()
    }

    /// The theme keys a theme file may define.
    public static let keys: [String] = {
        var keys = ["text", "zone-frame", "zone-title", "device", "process", "port-label", "marker", "link"]
        keys += Zone.allCases.flatMap { ["zone-frame.\($0.rawValue)", "zone-title.\($0.rawValue)"] }
        keys += RoleKind.allCases.map { "device.\($0.rawValue)" }
        keys += LinkKind.allCases.map { "link.\($0.rawValue)" }
        keys += ["health", "chrome", "title", "selection", "status-bar", "muted"]
        keys += LinkHealth.allCases.map { "health.\($0.rawValue)" }
        keys += ["changed"] + LinkHealth.allCases.map { "changed.\($0.rawValue)" }
        keys += ["exposed"]
        return keys
    }()

    /// Reads a theme file.
    ///
    /// - Parameter file: the name used in error messages.
    /// - Throws: `LocatedError` with `file:line:col` for bad YAML, unknown keys and bad colours.
    public static func parse(_ text: String, file: String) throws -> Theme {
        let root = try YAMLNode.parse(text, file: file).mapping("theme")
        try root.rejectUnknownKeys(["name", "description", "styles"])
        let name = try root.required("name").string("theme name")
        let styles = try root.required("styles").mapping("styles")
        try styles.rejectUnknownKeys(keys)
        var out: [String: Appearance] = [:]
        var colourNodes: [String: YAMLNode] = [:]
        for entry in styles.entries {
            let map = try entry.value.mapping("style \(quoted(entry.key))")
            try map.rejectUnknownKeys(["fg", "bg", "bold", "dim", "underline"])
            func colour(_ key: String) throws -> RGB? {
                guard let node = map[key] else { return nil }
                let text = try node.string(key)
                guard let rgb = RGB(hex: text) else {
                    throw node.error("\(quoted(text)) is not a colour", hint: "write colours as \"#rrggbb\" (quoted)")
                }
                return rgb
            }
            colourNodes[entry.key] = map["fg"]
            out[entry.key] = Appearance(
                foreground: try colour("fg"), background: try colour("bg"),
                bold: try map["bold"]?.bool("bold") ?? false, dim: try map["dim"]?.bool("dim") ?? false,
                underline: try map["underline"]?.bool("underline") ?? false)
        }
        let theme = Theme(name: name, styles: out)
        if let clash = theme.liveStateClashes().first, let node = colourNodes[clash.key] {
            throw node.error(clash.description, hint: "choose a colour at least ΔE2000 \(Int(ColourDistance.minimumLiveStateDistance)) away, so that the states read apart at a glance")
        }
        return theme
    }

    /// A live-state colour too close to another colour the dashboard draws.
    public struct ColourClash: Sendable, Hashable, CustomStringConvertible {
        /// The theme key of the live state (`health.closed`).
        public var key: String
        /// The key it is too close to (`link.dbms`, `health.filtered`).
        public var other: String
        public var colour: RGB
        public var otherColour: RGB
        public var distance: Double

        public var description: String {
            let shown = (distance * 10).rounded() / 10
            return "\(key) \(colour) is too close to \(other) \(otherColour) (ΔE2000 \(shown), at least \(Int(ColourDistance.minimumLiveStateDistance)) needed)"
        }
    }

    /// Every live-state colour the theme sets (`health.WORD` with `fg`) that is closer than
    /// `ColourDistance.minimumLiveStateDistance` to another live state's colour or to a link, device or
    /// zone (frame and title) colour; the states in `LinkHealth` order. Themes without live colours (mono) have none.
    public func liveStateClashes() -> [ColourClash] {
        let states = LinkHealth.allCases.compactMap { health -> (String, RGB)? in
            let key = "health.\(health.rawValue)"
            return styles[key]?.foreground.map { (key, $0) }
        }
        let zones = ["zone-frame", "zone-title"] + Zone.allCases.flatMap { ["zone-frame.\($0.rawValue)", "zone-title.\($0.rawValue)"] }
        var others = (["link"] + LinkKind.allCases.map { "link.\($0.rawValue)" } + ["device"] + RoleKind.allCases.map { "device.\($0.rawValue)" } + zones)
            .compactMap { key in styles[key]?.foreground.map { (key, $0) } }
        var clashes: [ColourClash] = []
        for (key, colour) in states {
            for (other, otherColour) in others {
                let distance = ColourDistance.deltaE2000(colour, otherColour)
                if distance < ColourDistance.minimumLiveStateDistance {
                    clashes.append(ColourClash(key: key, other: other, colour: colour, otherColour: otherColour, distance: distance))
                }
            }
            others.append((key, colour))
        }
        return clashes
    }

    /// A built-in theme by name: `ksc` (the documents' colours, the default), `mono`, `high-contrast`, `light`.
    public static func builtin(_ name: String) -> Theme? {
        guard let text = BuiltinThemes.text(named: name) else { return nil }
        return try? parse(text, file: "themes/\(name).yaml")
    }

    /// The default theme: the colours of the documents' figures.
    public static var ksc: Theme { builtin("ksc") ?? Theme(name: "ksc", styles: [:]) }
}

/// Turns a canvas into lines with ANSI SGR escapes for a theme.
public enum ANSI {
    /// One string per row; escapes change only where the style does, and every row ends reset.
    public static func lines(_ canvas: Canvas, theme: Theme) -> [String] {
        (0..<canvas.height).map { y in
            var line = ""
            var current: Appearance?
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                let look = theme.appearance(cell.style)
                if look != current {
                    line += sgr(look)
                    current = look
                }
                line.append(cell.character)
            }
            return line + "\u{1B}[0m"
        }
    }

    /// The escape sequence that sets an appearance from a reset state.
    public static func sgr(_ look: Appearance) -> String {
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.underline { codes.append("4") }
        if let fg = look.foreground { codes.append("38;2;\(fg.red);\(fg.green);\(fg.blue)") }
        if let bg = look.background { codes.append("48;2;\(bg.red);\(bg.green);\(bg.blue)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
