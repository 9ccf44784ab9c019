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
                canvas.frame(zone.rect, .boundary, style: .zoneFrame(zone.zone), glyphs: glyphs)
                canvas.write(" \(zone.title) ", x: zone.titleAt.x - 1, y: zone.titleAt.y, style: .zoneTitle(zone.zone), charset: charset)
            } else {
                canvas.write(zone.title, x: zone.titleAt.x, y: zone.titleAt.y, style: .zoneTitle(zone.zone), charset: charset)
            }
        }
        for box in diagram.boxes {
            let style = StyleRole.device(box.kind)
            canvas.frame(box.rect, .box, style: style, glyphs: glyphs)
            canvas.write(" \(box.kindTag.text) ", x: box.kindTag.at.x - 1, y: box.kindTag.at.y, style: style, charset: charset)
            for line in box.lines { canvas.write(line.text, x: line.at.x, y: line.at.y, style: .text, charset: charset) }
            for process in box.processes {
                canvas.frame(process.rect, .box, style: .process, glyphs: glyphs)
                canvas.write(" \(process.title.text) ", x: process.title.at.x - 1, y: process.title.at.y, style: .process, charset: charset)
                for port in process.ports {
                    canvas.write(port.text, x: port.at.x, y: port.at.y, style: .portLabel, charset: charset)
                }
            }
        }
        for local in diagram.locals {
            for x in local.line.minX...local.line.maxX {
                canvas.put(LinePiece(.link(.com), .horizontal), x: x, y: local.line.y, style: .link(.com), glyphs: glyphs)
            }
            canvas.write(local.text.text, x: local.text.at.x, y: local.text.at.y, style: .link(.com), charset: charset)
        }
        for (point, cell) in diagram.edgeCells() {
            canvas.put(LinePiece(cell), x: point.x, y: point.y, style: .link(cell.link), glyphs: glyphs)
        }
        for route in diagram.routes {
            guard let start = route.cells.first else { continue }
            let border = start.moved(route.startSide)
            if let piece = canvas[border.x, border.y].line, piece == LinePiece(.box, .horizontal) || piece == LinePiece(.box, .vertical) {
                // The border branches towards the route: a T without the side facing into the box.
                canvas.put(LinePiece(.box, .tee(missing: route.startSide)), x: border.x, y: border.y, style: canvas[border.x, border.y].style, glyphs: glyphs)
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
}
