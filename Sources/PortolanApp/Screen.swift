import PortolanRender

/// What the dashboard's loop draws on and reads from: a real terminal (`TerminalScreen` in
/// PortolanTerminal) or a screen in memory (`TestScreen`), as ratatui's `Backend` and `TestBackend`.
///
/// The loop calls it from one thread only.
public protocol Screen: AnyObject {
    /// The size in cells, as of the last input.
    var size: ScreenSize { get }
    /// Shows a frame (a backend may send only the cells that changed since the last one).
    func draw(_ canvas: Canvas)
    /// Waits up to `timeout` for input; nil when none arrived in that time.
    func nextInput(timeout: Duration) -> ScreenInput?
    /// Uses another theme from the next frame on.
    func use(_ theme: Theme)
}

/// Input from a screen, before hit-testing.
public enum ScreenInput: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(ScreenSize)
    /// Ctrl-C typed in raw mode, or a signal asking the program to stop (SIGINT, SIGTERM, SIGHUP).
    case interrupt
}
