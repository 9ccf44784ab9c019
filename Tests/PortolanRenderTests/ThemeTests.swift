import Foundation
import PortolanCore
import Testing

@testable import PortolanRender

@Suite struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/PortolanRender/themes").standardizedFileURL

    /// Expects the theme file `text` (named `file`) to be refused with an error that begins with `place`
    /// (its file:line:col) and says `words`.
    func expectRefused(
        _ text: String, file: String, at place: String = "", saying words: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: (any Error).self, sourceLocation: sourceLocation) { try Theme.parse(text, file: file) }
        let said = error.map { "\($0)" } ?? ""
        #expect(said.hasPrefix(place) && said.contains(words), "\(said)", sourceLocation: sourceLocation)
    }

    /// The compiled-in themes are the files in `Sources/PortolanRender/themes/` (compiled in by the build plugin).
    @Test(arguments: ["ksc", "mono", "high-contrast", "light"])
    func builtinThemesMatchTheirFiles(_ name: String) throws {
        let file = try String(contentsOf: Self.themes.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        #expect(BuiltinThemes.text(named: name) == file)
        let theme = try #require(Theme.builtin(name))
        #expect(theme.name == name)
    }

    @Test func aThemeIsNamedOrAFile() throws {
        #expect(try Theme.named("mono").name == "mono")
        #expect(try Theme.cycle(startingWith: "light").map(\.name) == ["light", "ksc", "mono", "high-contrast"])
        let error = #expect(throws: LocatedError.self) { try Theme.named("mnoo") }
        #expect(error?.hint?.hasPrefix("did you mean 'mono'?") == true)
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
        expectRefused(text, file: "themes/x.yaml", at: "themes/x.yaml:3:", saying: "is not a colour")
        expectRefused("name: x\nstyles:\n  link.tpc: {}\n", file: "t.yaml", at: "t.yaml:3:3", saying: "did you mean 'link.tcp'")
    }

    /// Live-state colours stay apart from each other and from the link and device colours.
    @Test(arguments: ["ksc", "mono", "high-contrast", "light"])
    func builtinLiveColoursReadApart(_ name: String) throws {
        let theme = try #require(Theme.builtin(name))
        #expect(theme.liveStateClashes().isEmpty, "\(theme.liveStateClashes().map(\.description))")
        let looks = LinkHealth.allCases.map { theme.appearance(.health($0)) }
        #expect(Set(looks).count == looks.count, "every live state has its own appearance, colours or attributes")
    }

    /// A DMZ frame in a live state's colour would read as that state (the documents' gold was ΔE2000 8
    /// from the "tls-problem" amber): zone colours are checked like link and device colours.
    @Test func aZoneFrameInALiveStateColourIsRefused() {
        let text = "name: x\nstyles:\n  zone-frame.dmz: {fg: \"#c8a000\"}\n  health.tls-problem: {fg: \"#af8700\"}\n"
        expectRefused(text, file: "themes/x.yaml", at: "themes/x.yaml:4:", saying: "health.tls-problem #af8700 is too close to zone-frame.dmz #c8a000")
    }

    /// On paper (SVG, the HTML report) the DMZ frame keeps apart from every live state's colour too.
    @Test(arguments: ["ksc", "mono", "high-contrast", "light"])
    func thePaperDMZFrameReadsApartFromLiveStates(_ name: String) throws {
        let theme = try #require(Theme.builtin(name))
        let live = LiveSVG(states: ArrowStates(schema: "", health: [:]), theme: theme)
        let dmz = try #require(RGB(hex: Paper.dmz))
        for health in LinkHealth.allCases {
            let colour = try #require(RGB(hex: live.colour(health)))
            #expect(ColourDistance.deltaE2000(dmz, colour) >= ColourDistance.minimumLiveStateDistance, "\(health) \(colour)")
        }
    }

    @Test func aClosedColourEqualToTheDBMSLineIsRefusedWithItsPlace() {
        let text = "name: x\nstyles:\n  link.dbms: {fg: \"#ff69b4\"}\n  health.closed: {fg: \"#ff69b4\", bold: true}\n"
        expectRefused(text, file: "themes/x.yaml", at: "themes/x.yaml:4:", saying: "health.closed #ff69b4 is too close to link.dbms #ff69b4")
        // Today's old pair, which users mistook for each other, is refused too; one state against another as well.
        #expect(throws: (any Error).self) {
            try Theme.parse("name: x\nstyles:\n  link.dbms: {fg: \"#ff69b4\"}\n  health.closed: {fg: \"#ff005f\"}\n", file: "x.yaml")
        }
        expectRefused("name: x\nstyles:\n  health.filtered: {fg: \"#ff0000\"}\n  health.closed: {fg: \"#ff0505\"}\n", file: "x.yaml", saying: "health.closed #ff0505 is too close to health.filtered #ff0000")
    }

    /// Reference pairs from Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula".
    @Test func deltaE2000MatchesThePublishedPairs() {
        let pairs: [((Double, Double, Double), (Double, Double, Double), Double)] = [
            ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
            ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0000),
            ((50, 2.5, 0), (73, 25, -18), 27.1492),
            ((50, 2.5, 0), (50, 0, -2.5), 4.3065),
            ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
            ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
        ]
        for (first, second, expected) in pairs {
            #expect(abs(ColourDistance.deltaE2000(lab: first, second) - expected) < 0.0005, "\(first) \(second)")
        }
        let old = ColourDistance.deltaE2000(RGB(red: 0xff, green: 0x00, blue: 0x5f), RGB(red: 0xff, green: 0x69, blue: 0xb4))
        #expect(old < ColourDistance.minimumLiveStateDistance, "the old closed red and the DBMS pink read as one colour")
    }
}
