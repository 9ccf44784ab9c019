import Foundation
import PortolanCore
import Testing

@testable import PortolanRender

@Suite struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../themes").standardizedFileURL

    /// The compiled-in themes are the files in `themes/` (regenerate with `themes/embed.sh`).
    @Test(arguments: ["ksc", "mono", "high-contrast", "light"])
    func builtinThemesMatchTheirFiles(_ name: String) throws {
        let file = try String(contentsOf: Self.themes.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        #expect(BuiltinThemes.files[name].map { $0 + "\n" } == file, "run themes/embed.sh")
        let theme = try #require(Theme.builtin(name))
        #expect(theme.name == name)
    }

    @Test func kscHasTheDocumentsColours() throws {
        let theme = Theme.ksc
        #expect(theme.appearance(.link(.com)).foreground == RGB(hex: "#ff8c00"))
        #expect(theme.appearance(.link(.tcp)).foreground == RGB(hex: "#808080"))
        #expect(theme.appearance(.device(.distributionPoint)).foreground == RGB(hex: "#3cb371"))
        #expect(theme.appearance(.device(.firewall)) == theme.appearance(.device(.browser)), "falls back to 'device'")
    }

    @Test func badThemesSayWhereAndWhy() {
        let text = "name: x\nstyles:\n  link.tcp: {fg: \"#12345\"}\n"
        #expect {
            try Theme.parse(text, file: "themes/x.yaml")
        } throws: { error in
            "\(error)".hasPrefix("themes/x.yaml:3:") && "\(error)".contains("is not a colour")
        }
        #expect {
            try Theme.parse("name: x\nstyles:\n  link.tpc: {}\n", file: "t.yaml")
        } throws: { error in
            "\(error)".hasPrefix("t.yaml:3:3") && "\(error)".contains("did you mean 'link.tcp'")
        }
    }
}
