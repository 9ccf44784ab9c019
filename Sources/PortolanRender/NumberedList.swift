import Foundation
import PortolanCore
import PortolanLayout

/// The numbered list printed under a text diagram, as in the documents: label, from → to, port,
/// protocol, purpose and notes, one entry per connection.
public enum NumberedList {
    /// The list as lines of exactly `width` display columns (wrapped, then padded with spaces).
    public static func lines(_ diagram: Diagram, width: Int, charset: Charset) -> [String] {
        let schema = diagram.schema
        var out: [String] = ["Arrows (from the side that opens the connection to the side that answers)", ""]
        for c in diagram.connections {
            let from = schema.role(c.initiator)?.label ?? c.initiator.rawValue
            let to = schema.role(c.responder)?.label ?? c.responder.rawValue
            var head = "\(LabelText.marker(c.label)) \(from) → \(to): \(ArrowText.endpoint(c))"
            if c.link != .com {
                head += ", TLS \(c.tls.rawValue), " + (c.process.map { "process \($0)" } ?? "process not named")
            }
            if !c.via.isEmpty { head += ", via " + c.via.map(\.rawValue).joined(separator: ", ") }
            out += wrap(head, width: width, indent: "")
            out += wrap(c.purpose, width: width, indent: "    ")
            for note in c.notes { out += wrap("note: " + note, width: width, indent: "    ") }
        }
        return out.map { line in
            let text = charset == .ascii ? ASCIIFold.string(line) : line
            return text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        }
    }

    private static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        let folded = text.replacingOccurrences(of: "\n", with: " ")
        return LabelText.wrap(folded, width: max(10, width - indent.count)).map { indent + $0 }
    }
}
