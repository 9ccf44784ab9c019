import PortolanRender

/// A screen in memory, as ratatui's `TestBackend`: tests queue keys, mouse events and resizes, and read
/// the frames the dashboard drew. It never waits: with nothing queued, `nextInput` returns nil at once.
public final class TestScreen: Screen {
    public private(set) var size: ScreenSize
    /// The frames drawn, oldest first (the latest `keptFrames`).
    public private(set) var frames: [Canvas] = []
    /// How many frames `frames` keeps.
    public static let keptFrames = 64
    /// The theme the dashboard asked for last, if it changed it.
    public private(set) var theme: Theme?
    private var queued: [ScreenInput] = []

    public init(size: ScreenSize) { self.size = size }

    /// The last frame drawn (an empty canvas before the first).
    public var frame: Canvas { frames.last ?? Canvas(width: 0, height: 0) }

    /// The last frame's rows as text.
    public var lines: [String] { frame.lines() }

    /// Queues input for the next steps, in order.
    public func send(_ inputs: ScreenInput...) { queued += inputs }

    /// Queues one key per character of `text` (for typing a filter or a label).
    public func type(_ text: String) { queued += text.map { .key(.character($0)) } }

    /// Changes the size at once and queues the resize, as a terminal does.
    public func resize(to size: ScreenSize) {
        self.size = size
        queued.append(.resize(size))
    }

    /// True while input waits to be read.
    public var hasInput: Bool { !queued.isEmpty }

    public func draw(_ canvas: Canvas) {
        frames.append(canvas)
        if frames.count > Self.keptFrames { frames.removeFirst(frames.count - Self.keptFrames) }
    }

    public func nextInput(timeout: Duration) -> ScreenInput? {
        queued.isEmpty ? nil : queued.removeFirst()
    }

    public func use(_ theme: Theme) { self.theme = theme }
}
