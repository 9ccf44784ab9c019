import PortolanCore
import PortolanLayout

/// The numbered list printed under a text diagram, as in the documents: label, from → to, port,
/// protocol, purpose and notes, one entry per connection.
public enum NumberedList {
    /// The list as lines of exactly `width` display columns (wrapped, then padded with spaces).
    public static func lines(_ diagram: Diagram, width: Int, charset: Charset) -> [String] {
        let schema = diagram.schema
        let fold: (String) -> String = { charset == .ascii ? ASCIIFold.string($0) : $0 }
        var out = wrap(fold("Arrows (from the side that opens the connection to the side that answers)"), width: width, indent: "")
        out.append("")
        for c in diagram.connections {
            let from = schema.role(c.initiator)?.label ?? c.initiator.rawValue
            let to = schema.role(c.responder)?.label ?? c.responder.rawValue
            var head = "\(LabelText.marker(c.label)) \(from) → \(to): \(ArrowText.endpoint(c))"
            if c.link != .com {
                head += ", TLS \(c.tls.rawValue), " + (c.process.map { "process \($0)" } ?? "process not named")
            }
            if !c.via.isEmpty { head += ", via " + c.via.map(\.rawValue).joined(separator: ", ") }
            out += wrap(fold(head), width: width, indent: "")
            out += wrap(fold(c.purpose), width: width, indent: "    ")
            for note in c.notes { out += wrap(fold("note: " + note), width: width, indent: "    ") }
        }
        return out.map { line in line + String(repeating: " ", count: max(0, width - DisplayWidth.of(line))) }
    }

    private static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        // Line breaks become spaces; most texts have none (Foundation's replacingOccurrences, bridged to
        // NSString, cost a whole export a tenth of its time).
        let folded = text.utf8.contains(UInt8(ascii: "\n")) ? text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ") : text
        return LabelText.wrap(folded, width: max(10, width - indent.count)).map { indent + $0 }
    }
}
