import Foundation
import PortolanModel

// Usage: PackEmbedder packs PACKS_ROOT OUTPUT.swift   (every pack folder under PACKS_ROOT)
//        PackEmbedder themes THEMES_ROOT OUTPUT.swift (every *.yaml theme file in THEMES_ROOT)
//
// `packs` reads and checks each pack with PortolanModel's `PackLoader` (the reader of user packs) and writes
// the checked packs as Swift values, so the binary loads them without a YAML parse and without checking
// them again. A broken pack stops the build with `file:line:col: error: ...`, the compiler's form.
// `themes` writes each theme file's text under its name.
let arguments = CommandLine.arguments
guard arguments.count == 4, ["packs", "themes"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: PackEmbedder packs|themes ROOT OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[2]).standardizedFileURL.path
let output = URL(fileURLWithPath: arguments[3])

/// Stops the build with these lines on standard error.
func fail(_ lines: [String]) -> Never {
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    exit(1)
}

let source: String
do throws(LoadErrors) {
    source = arguments[1] == "packs" ? try PackSource.swift(packsIn: root) : try ThemeSource.swift(themesIn: root)
} catch {
    fail(error.errors.map(PackSource.diagnostic))
}
do {
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    fail(["PackEmbedder: cannot write \(output.path): \(error)"])
}
