import PortolanLayout

/// Where each pane sits on a screen of a given size; pure geometry, shared by update and view.
public struct ScreenLayout: Hashable, Sendable {
    /// Below this size the dashboard shows a "terminal too small" notice instead of panes.
    public static let minimum = ScreenSize(width: 60, height: 16)

    public let size: ScreenSize
    public let isTooSmall: Bool
    /// Row 0: the title bar.
    public let title: CellRect
    /// The schema list on the left, with its filter line.
    public let list: CellRect
    /// The diagram viewport.
    public let diagram: CellRect
    /// The details of the selected arrow or role: right of the diagram on wide screens, under it otherwise.
    public let details: CellRect
    /// The event log above the status bar.
    public let log: CellRect
    /// The last row.
    public let status: CellRect
    /// True if the diagram takes the whole body of the screen; the list, details and log are then empty.
    public let maximised: Bool

    /// The panes on a screen of `size`; `maximised` gives the diagram all but the title and status bars.
    public init(_ size: ScreenSize, maximised: Bool = false) {
        self.size = size
        self.maximised = maximised
        let width = max(0, size.width), height = max(0, size.height)
        isTooSmall = width < Self.minimum.width || height < Self.minimum.height
        title = CellRect(x: 0, y: 0, width: width, height: 1)
        status = CellRect(x: 0, y: max(0, height - 1), width: width, height: 1)
        if maximised {
            list = CellRect(x: 0, y: 1, width: 0, height: 0)
            details = list
            log = CellRect(x: 0, y: max(1, height - 1), width: 0, height: 0)
            diagram = CellRect(x: 1, y: 2, width: max(0, width - 2), height: max(0, height - 4))
            return
        }
        let logHeight = height >= 40 ? 7 : (height >= 24 ? 5 : 0)
        log = CellRect(x: 0, y: max(1, height - 1 - logHeight), width: width, height: logHeight)
        let bodyTop = 1
        let bodyHeight = max(0, height - 2 - logHeight)
        let listWidth = min(36, max(22, width / 5))
        list = CellRect(x: 0, y: bodyTop, width: listWidth, height: bodyHeight)
        let rest = max(0, width - listWidth)
        if width >= 150 {
            let detailsWidth = min(56, rest / 3)
            details = CellRect(x: width - detailsWidth, y: bodyTop, width: detailsWidth, height: bodyHeight)
            diagram = CellRect(x: listWidth + 1, y: bodyTop + 1, width: max(0, rest - detailsWidth - 2), height: max(0, bodyHeight - 2))
        } else {
            let detailsHeight = min(12, bodyHeight / 3)
            details = CellRect(x: listWidth, y: bodyTop + bodyHeight - detailsHeight, width: rest, height: detailsHeight)
            diagram = CellRect(x: listWidth + 1, y: bodyTop + 1, width: max(0, rest - 2), height: max(0, bodyHeight - detailsHeight - 2))
        }
    }

    /// The frame around the diagram viewport.
    public var diagramFrame: CellRect {
        CellRect(x: diagram.x - 1, y: diagram.y - 1, width: diagram.width + 2, height: diagram.height + 2)
    }
}
