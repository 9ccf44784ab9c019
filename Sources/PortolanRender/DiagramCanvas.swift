import PortolanCore
import PortolanLayout

/// Draws a diagram's geometry into a canvas with one charset's glyphs.
public enum DiagramCanvas {
    /// The figure: zones, boxes, process rectangles, routes with heads, labels and COM invokes.
    public static func draw(_ diagram: Diagram, charset: Charset) -> Canvas {
        let glyphs = GlyphTable(charset)
        var canvas = Canvas(width: diagram.width, height: diagram.height)
        for zone in diagram.zones {
            if zone.framed {
                frame(&canvas, zone.rect, glyphs.boundary, style: .zoneFrame(zone.zone))
                canvas.write(" \(zone.title) ", x: zone.titleAt.x - 1, y: zone.titleAt.y, style: .zoneTitle(zone.zone), charset: charset)
            } else {
                canvas.write(zone.title, x: zone.titleAt.x, y: zone.titleAt.y, style: .zoneTitle(zone.zone), charset: charset)
            }
        }
        for box in diagram.boxes {
            let style = StyleRole.device(box.kind)
            frame(&canvas, box.rect, glyphs.box, style: style)
            canvas.write(" \(box.kindTag.text) ", x: box.kindTag.at.x - 1, y: box.kindTag.at.y, style: style, charset: charset)
            for line in box.lines { canvas.write(line.text, x: line.at.x, y: line.at.y, style: .text, charset: charset) }
            for process in box.processes {
                frame(&canvas, process.rect, glyphs.box, style: .process)
                canvas.write(" \(process.title.text) ", x: process.title.at.x - 1, y: process.title.at.y, style: .process, charset: charset)
                for port in process.ports {
                    canvas.write(port.text, x: port.at.x, y: port.at.y, style: .portLabel, charset: charset)
                }
            }
        }
        let comLine = glyphs.lines(.com).horizontal
        for local in diagram.locals {
            for x in local.line.minX...local.line.maxX {
                canvas.put(comLine, x: x, y: local.line.y, style: .link(.com))
            }
            canvas.write(local.text.text, x: local.text.at.x, y: local.text.at.y, style: .link(.com), charset: charset)
        }
        for (point, cell) in diagram.edgeCells() {
            canvas.put(glyphs.glyph(cell), x: point.x, y: point.y, style: .link(cell.link))
        }
        let plainBorder: Set<Character> = [glyphs.box.horizontal, glyphs.box.vertical]
        for route in diagram.routes {
            guard let start = route.cells.first else { continue }
            let border = start.moved(route.startSide)
            if plainBorder.contains(canvas[border.x, border.y].character) {
                canvas[border.x, border.y].character = glyphs.tee(route.startSide.opposite)
            }
        }
        for label in diagram.labels {
            for (row, line) in label.lines.enumerated() {
                let y = label.rect.y + row
                canvas.write(line.marker, x: label.rect.x, y: y, style: .marker, charset: charset)
                let text = line.marker.isEmpty ? line.text : (line.text.isEmpty ? "" : " " + line.text)
                canvas.write(text, x: label.rect.x + DisplayWidth.of(line.marker), y: y, style: .portLabel, charset: charset)
            }
        }
        return canvas
    }

    private static func frame(_ canvas: inout Canvas, _ rect: CellRect, _ set: GlyphTable.LineSet, style: StyleRole) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for x in (rect.minX + 1)..<rect.maxX {
            canvas.put(set.horizontal, x: x, y: rect.minY, style: style)
            canvas.put(set.horizontal, x: x, y: rect.maxY, style: style)
        }
        for y in (rect.minY + 1)..<rect.maxY {
            canvas.put(set.vertical, x: rect.minX, y: y, style: style)
            canvas.put(set.vertical, x: rect.maxX, y: y, style: style)
        }
        canvas.put(set.downRight, x: rect.minX, y: rect.minY, style: style)
        canvas.put(set.downLeft, x: rect.maxX, y: rect.minY, style: style)
        canvas.put(set.upRight, x: rect.minX, y: rect.maxY, style: style)
        canvas.put(set.upLeft, x: rect.maxX, y: rect.maxY, style: style)
    }
}
