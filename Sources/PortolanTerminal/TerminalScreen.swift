import CNcursesBridge
import Foundation
import PortolanApp
import PortolanRender

/// Why the dashboard cannot start on this terminal.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// The real terminal: opens ncurses, draws canvases (only the cells that changed), reads keys and mouse.
///
/// Signal and crash handlers are installed before the screen is opened, so the terminal is restored
/// (echo, canonical mode, cursor, main screen, mouse off) on SIGINT, SIGTERM, SIGHUP, on a crash, and
/// on every other signal that would end the process (SIGQUIT, SIGUSR1, SIGPIPE, SIGALRM, ...).
public final class TerminalScreen: Screen {
    public let lineDrawing: LineDrawing
    private var palette: Palette
    private var pairs: [PairKey: Int32] = [:]
    private var previous: Canvas?
    private var theme: Theme
    private var isOpen = false

    private struct PairKey: Hashable {
        var foreground: Int
        var background: Int
    }

    /// Checks the terminal and opens the screen.
    ///
    /// - Throws: `TerminalUnavailable` when `check` refuses; nothing has been written to the terminal then.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, theme: Theme) throws {
        try Self.check(environment: environment)
        let term = environment["TERM"] ?? ""
        pt_install_handlers()
        guard pt_open(term) == 0 else {
            throw TerminalUnavailable(description: "cannot open the terminal '\(term)'")
        }
        isOpen = true
        let utf8 = Self.isUTF8(environment)
        lineDrawing = LineDrawing(mode: utf8 ? .unicode : (pt_has_acs() != 0 ? .lineDrawing : .ascii))
        palette = Palette(colors: Int(pt_colors()), noColor: environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
        self.theme = theme
    }

    /// Whether the dashboard can run here, without touching the screen: TERM names a terminal that
    /// can address its cursor, and standard input and output are that terminal.
    ///
    /// Without a terminal on both ends the dashboard would read end-of-file forever and write escape
    /// codes into a file or pipe, so it is refused instead.
    ///
    /// - Parameter isTerminal: whether a file descriptor is a terminal (`isatty`; tests replace it).
    /// - Throws: `TerminalUnavailable` for TERM=dumb, a missing TERM, a type terminfo does not know, or
    ///   standard input or output that is not a terminal.
    public static func check(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isTerminal: (Int32) -> Bool = { isatty($0) == 1 }
    ) throws(TerminalUnavailable) {
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else {
            throw TerminalUnavailable(description: "TERM is not set: the dashboard needs a terminal (try 'portolan export' for plain text)")
        }
        switch pt_check_term(term) {
        case 0: break
        case -2:
            throw TerminalUnavailable(description: "TERM=\(term) cannot draw a full-screen dashboard; use a terminal such as xterm-256color, or 'portolan export' for plain text")
        default:
            throw TerminalUnavailable(description: "unknown terminal type '\(term)' (no terminfo entry); set TERM to one your system knows, such as xterm-256color")
        }
        for (descriptor, name) in [(STDIN_FILENO, "input"), (STDOUT_FILENO, "output")] where !isTerminal(descriptor) {
            throw TerminalUnavailable(description: "standard \(name) is not a terminal: the dashboard reads keys from a terminal and draws on it")
        }
    }

    deinit { close() }

    /// True if the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
    public static func isUTF8(_ environment: [String: String]) -> Bool {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        pt_close()
        isOpen = false
    }

    public var size: ScreenSize { ScreenSize(width: Int(pt_cols()), height: Int(pt_lines())) }

    /// The signal that asked to stop (SIGINT, SIGTERM, SIGHUP), if any arrived.
    public var stopSignal: Int32? {
        let signal = pt_stop_signal()
        return signal == 0 ? nil : signal
    }

    /// Uses another theme from the next frame on.
    public func use(_ theme: Theme) {
        self.theme = theme
        pairs = [:]
        previous = nil
    }

    /// Draws a canvas: only cells that differ from the last frame are sent.
    public func draw(_ canvas: Canvas) {
        let full = previous.map { $0.width != canvas.width || $0.height != canvas.height } ?? true
        if full { pt_erase() }
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                if cell.isContinuation { continue }
                put(cell, x: x, y: y)
            }
        }
        previous = canvas
        pt_refresh()
    }

    /// Forgets the last frame, so the next draw repaints everything (after a resize).
    public func invalidate() { previous = nil }

    private func put(_ cell: Cell, x: Int, y: Int) {
        let look = theme.appearance(cell.style)
        let pair = pairNumber(look)
        var attributes: Int32 = 0
        if look.bold { attributes |= Int32(PT_ATTR_BOLD) }
        if look.dim { attributes |= Int32(PT_ATTR_DIM) }
        if look.underline { attributes |= Int32(PT_ATTR_UNDERLINE) }
        if cell.style == .selection || (palette.depth == .none && (cell.style == .statusBar || cell.style == .title)) {
            attributes |= Int32(PT_ATTR_REVERSE)
        }
        switch lineDrawing.glyph(cell) {
        case let .character(character):
            let scalar = character.unicodeScalars.first?.value ?? 32
            pt_put(Int32(y), Int32(x), scalar, pair, attributes)
        case let .lineDrawing(acs):
            pt_put_acs(Int32(y), Int32(x), LineDrawing.code(acs), pair, attributes)
        }
    }

    private func pairNumber(_ look: Appearance) -> Int32 {
        guard palette.depth != .none else { return 0 }
        let key = PairKey(foreground: palette.index(look.foreground), background: palette.index(look.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = Int32(pairs.count + 1)
        guard next < pt_color_pairs() else { return 0 }
        pt_init_pair(next, Int32(key.foreground), Int32(key.background))
        pairs[key] = next
        return next
    }

    /// Waits up to `timeout` for input; a stop signal that arrived reads as `.interrupt`.
    public func nextInput(timeout: Duration) -> ScreenInput? {
        if stopSignal != nil { return .interrupt }
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let event = pt_read(Int32(clamping: max(0, milliseconds)))
        switch Int(event.kind) {
        case Int(PT_EVENT_CHAR):
            guard let scalar = Unicode.Scalar(event.code) else { return nil }
            switch scalar {
            case "\r", "\n": return .key(.enter)
            case "\t": return .key(.tab)
            case "\u{1B}": return .key(.escape)
            case "\u{7F}", "\u{08}": return .key(.backspace)
            case "\u{03}": return .interrupt
            default: return .key(.character(Character(scalar)))
            }
        case Int(PT_EVENT_KEY):
            return Self.functionKeys[Int32(event.code)].map { .key($0) }
        case Int(PT_EVENT_MOUSE):
            let buttons = Int32(event.button_mask)
            let kind: MouseEvent.Kind
            if buttons & Int32(PT_MOUSE_WHEEL_UP) != 0 {
                kind = .wheelUp
            } else if buttons & Int32(PT_MOUSE_WHEEL_DOWN) != 0 {
                kind = .wheelDown
            } else if buttons & Int32(PT_MOUSE_PRESS) != 0 {
                kind = .press
            } else if buttons & Int32(PT_MOUSE_RELEASE) != 0 {
                kind = .release
            } else if buttons & Int32(PT_MOUSE_CLICK) != 0 {
                kind = .click
            } else if buttons & Int32(PT_MOUSE_DRAG) != 0 {
                kind = .drag
            } else {
                return nil
            }
            return .mouse(MouseEvent(kind, x: Int(event.x), y: Int(event.y)))
        case Int(PT_EVENT_RESIZE):
            invalidate()
            return .resize(size)
        default:
            return nil
        }
    }

    private static let functionKeys: [Int32: Key] = [
        Int32(PT_KEY_UP): .up, Int32(PT_KEY_DOWN): .down, Int32(PT_KEY_LEFT): .left, Int32(PT_KEY_RIGHT): .right,
        Int32(PT_KEY_HOME): .home, Int32(PT_KEY_END): .end, Int32(PT_KEY_PAGE_UP): .pageUp,
        Int32(PT_KEY_PAGE_DOWN): .pageDown, Int32(PT_KEY_BACKTAB): .backTab, Int32(PT_KEY_ENTER): .enter,
        Int32(PT_KEY_BACKSPACE): .backspace, Int32(PT_KEY_DELETE): .delete, Int32(PT_KEY_F1): .f1,
    ]
}
