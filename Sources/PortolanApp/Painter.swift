import PortolanLayout
import PortolanRender

/// Draws the dashboard's chrome into a canvas: clipped text, framed panes with titles.
struct Painter {
    var canvas: Canvas
    let charset: Charset

    init(size: ScreenSize, charset: Charset) {
        canvas = Canvas(width: size.width, height: size.height)
        self.charset = charset
    }

    /// Writes `text` at (x, y), cut to `width` columns (with "…" or "~" where cut).
    mutating func text(_ text: String, x: Int, y: Int, width: Int, style: StyleRole = .text) {
        guard width > 0, y >= 0, y < canvas.height else { return }
        canvas.write(Self.clip(text, to: width, charset: charset), x: x, y: y, style: style, charset: charset)
    }

    /// Fills a row segment with spaces of a style (for highlighted rows and the status bar).
    mutating func fill(x: Int, y: Int, width: Int, style: StyleRole) {
        for column in x..<(x + max(0, width)) { canvas.put(" ", x: column, y: y, style: style) }
    }

    /// A frame around `rect` with a title in its top edge.
    mutating func frame(_ rect: CellRect, title: String, style: StyleRole = .chrome, focused: Bool = false) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        canvas.frame(rect, .pane(focused: focused), style: style, glyphs: GlyphTable(charset))
        if !title.isEmpty, rect.width > 6 {
            text(" \(title) ", x: rect.minX + 2, y: rect.minY, width: rect.width - 4, style: .title)
        }
    }

    /// `text` cut to `width` display columns.
    static func clip(_ text: String, to width: Int, charset: Charset) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return String(text.prefix(max(0, width))) }
        var out = ""
        var used = 0
        for character in text {
            let w = character.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + (charset == .unicode ? "…" : "~")
    }
}
