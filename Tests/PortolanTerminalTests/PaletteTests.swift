import PortolanRender
import Testing

@testable import PortolanTerminal

/// Theme colours to terminal colour numbers, and line-drawing characters to the bridge's codes.
@Suite struct PaletteTests {
    @Test func depthFollowsTheTerminal() {
        #expect(Palette(colors: 256, noColor: false).depth == .xterm256)
        #expect(Palette(colors: 16, noColor: false).depth == .basic16)
        #expect(Palette(colors: 8, noColor: false).depth == .basic8)
        #expect(Palette(colors: 2, noColor: false).depth == .none)
        #expect(Palette(colors: 256, noColor: true).depth == .none, "NO_COLOR wins")
    }

    @Test func xterm256UsesTheCubeAndTheGreyRamp() {
        let palette = Palette(depth: .xterm256)
        #expect(palette.index(RGB(red: 255, green: 0, blue: 0)) == 196)
        #expect(palette.index(RGB(red: 0, green: 0, blue: 0)) == 16)
        #expect(palette.index(RGB(red: 255, green: 255, blue: 255)) == 231)
        #expect(palette.index(RGB(red: 128, green: 128, blue: 128)) == 244, "a mid grey is on the ramp, not the cube")
        #expect(palette.index(nil) == -1)
    }

    @Test func basicColoursAreTheNearest() {
        #expect(Palette(depth: .basic16).index(RGB(red: 250, green: 10, blue: 10)) == 9)
        #expect(Palette(depth: .basic8).index(RGB(red: 250, green: 10, blue: 10)) == 1)
        #expect(Palette(depth: .basic8).index(RGB(red: 240, green: 240, blue: 240)) == 7)
        #expect(Palette(depth: .none).index(RGB(red: 250, green: 10, blue: 10)) == -1)
    }

    @Test func everyLineDrawingCharacterHasItsOwnCode() {
        let codes = LineDrawingCharacter.allCases.map(LineDrawing.code)
        #expect(Set(codes).count == LineDrawingCharacter.allCases.count)
    }

    @Test func theScreenDrawsTypedPiecesInItsMode() {
        let cell = Cell("═", style: .link(.https), line: LinePiece(.link(.https), .horizontal))
        #expect(LineDrawing(mode: .ascii).glyph(cell) == .character("~"))
        #expect(LineDrawing(mode: .lineDrawing).glyph(cell) == .character("~"))
        #expect(LineDrawing(mode: .unicode).glyph(cell) == .character("═"))
        let corner = Cell("╔", line: LinePiece(.link(.https), .downRight))
        #expect(LineDrawing(mode: .lineDrawing).glyph(corner) == .lineDrawing(.ulcorner))
    }
}
