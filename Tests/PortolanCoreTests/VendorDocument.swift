import Foundation

/// The vendor document, read independently of the catalog, so that tests can hold one against the other.
///
/// The KSC 13.1 text is a help export: each topic starts after a `[Topic N]` marker; a component topic
/// ends with a traffic table whose six columns follow each other one cell per line; a deployment
/// topic has a numbered list (`  4. ...`, `    4a. ...`).
struct VendorDocument {
    struct Topic {
        var id: String
        var title: String
        var lines: [String]
    }

    struct TableRow: CustomStringConvertible {
        var device, port, process, transport, tls, purpose: String
        var description: String { "\(device) | \(port) | \(process) | \(transport) | \(tls) | \(purpose)" }
    }

    struct ListItem {
        var label: String
        var text: String
    }

    let topics: [Topic]

    static func load(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Documents/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    init(text: String) {
        var topics: [Topic] = []
        var current: (id: String, lines: [String])?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("[Topic ") {
                if let current { topics.append(Self.topic(current.id, current.lines)) }
                // "[Topic 183041][Topic 158520]": an empty parent page, then its first child.
                let id = line.components(separatedBy: "[Topic ").last?.replacingOccurrences(of: "]", with: "") ?? ""
                current = (id, [])
            } else {
                current?.lines.append(line)
            }
        }
        if let current { topics.append(Self.topic(current.id, current.lines)) }
        self.topics = topics.filter { !$0.title.isEmpty }
    }

    private static func topic(_ id: String, _ lines: [String]) -> Topic {
        let title = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return Topic(id: id, title: title, lines: lines)
    }

    func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
}

extension VendorDocument.Topic {
    /// The rows of the topic's traffic table, if it has one.
    var trafficTable: [VendorDocument.TableRow] {
        let cells = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let start = cells.firstIndex(of: "Port purpose"), cells[start - 5] == "Device" else { return [] }
        var body = Array(cells[(start + 1)...])
        if let end = body.firstIndex(of: "See also:") { body = Array(body[..<end]) }
        return stride(from: 0, to: body.count - body.count % 6, by: 6).map { i in
            VendorDocument.TableRow(
                device: body[i], port: body[i + 1], process: body[i + 2], transport: body[i + 3], tls: body[i + 4],
                purpose: body[i + 5])
        }
    }

    /// The numbered list of a deployment topic: `1.` … `17.` and the lettered items `4a.`, `9a.`, `15a.`.
    var numberedList: [VendorDocument.ListItem] {
        lines.compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("  "), let dot = trimmed.firstIndex(of: ".") else { return nil }
            let label = String(trimmed[..<dot])
            guard !label.isEmpty, label.first?.isNumber == true,
                label.allSatisfy({ $0.isNumber || $0 == "a" })
            else { return nil }
            return VendorDocument.ListItem(label: label, text: String(trimmed[trimmed.index(after: dot)...]).trimmingCharacters(in: .whitespaces))
        }
    }

    /// The conventions table: (icon description, meaning) pairs.
    var conventions: [(icon: String, meaning: String)] {
        let cells = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let start = cells.firstIndex(of: "Meaning") else { return [] }
        var body = Array(cells[(start + 1)...])
        if let end = body.firstIndex(of: "Page top") { body = Array(body[..<end]) }
        return stride(from: 0, to: body.count - 1, by: 2).map { (body[$0], body[$0 + 1]) }
    }
}
