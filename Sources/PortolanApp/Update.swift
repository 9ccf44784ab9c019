import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// Something that happened: a key, a mouse event, a resize, a probe round, the end of an export.
public enum AppEvent: Sendable {
    case key(Key)
    /// A mouse event with what it hit on the last rendered frame.
    case mouse(MouseEvent, HitTarget?)
    case resize(ScreenSize)
    case probeRound([ProbeResult], at: Date)
    /// The vantage points' states after a round.
    case vantages([VantageStatus], at: Date)
    /// An audit's findings (`tui --audit`, the demo): the arrows table's "exposed" rows.
    case audit([ExposureFinding], at: Date)
    case exported(path: String)
    case exportFailed(String)
    /// A layout finished off the UI loop.
    case laidOut(LaidOut)
}

/// What the runner must do after an update: the update itself does no I/O.
public enum Effect: Hashable, Sendable {
    case quit
    case probeNow
    case setPaused(Bool)
    case export(SchemaID, ExportChoice)
    /// The theme changed: the terminal backend must set up its colours again.
    case themeChanged
    /// Arrows changed state (or were seen for the first time): `tui --log FILE` appends them.
    case recordChanges([ArrowChangeEvent])
}

extension AppState {
    /// What the export chooser offers, in order.
    public static let exportChoices = ExportChoice.all

    /// Applies an event; returns the effects for the runner. Pure: no I/O, no clock.
    public mutating func apply(_ event: AppEvent) -> [Effect] {
        switch event {
        case let .resize(size):
            self.size = size
            // Only a fitted figure depends on the screen's size; otherwise keep the layout and the pan in range.
            if fit { relayout() } else { clampPan() }
            return []
        case let .probeRound(results, time):
            let rows = logRows.count
            let changes = live.ingest(results, at: time)
            logView.hold(rowsBefore: rows, after: logRows.count)
            return changes.isEmpty ? [] : [.recordChanges(changes)]
        case let .vantages(statuses, time):
            let rows = logRows.count
            live.ingest(statuses, at: time)
            logView.hold(rowsBefore: rows, after: logRows.count)
            return []
        case let .audit(findings, time):
            let rows = logRows.count
            live.ingest(audit: findings, at: time)
            logView.hold(rowsBefore: rows, after: logRows.count)
            return []
        case let .laidOut(result):
            take(result)
            return []
        case let .exported(path):
            message = "exported to \(path)"
            return []
        case let .exportFailed(reason):
            message = "export failed: \(reason)"
            return []
        case let .mouse(mouse, hit):
            return handle(mouse, hit: hit)
        case let .key(key):
            return handle(key)
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if showHelp { return handleHelp(key) }
        if exportCursor != nil { return handleExportChooser(key) }
        if editingFilter { return handleFilterTyping(key) }
        if table.editingSearch { return handleSearchTyping(key) }
        if case let .character(c) = key, c.isNumber || (c == "a" && continuesLabel(c)) {
            typeLabel(c)
            return []
        }
        typedLabel = ""
        guard let action = keyMap.action(for: key) else { return [] }
        return perform(action)
    }

    /// Does what an action asks.
    public mutating func perform(_ action: Action) -> [Effect] {
        message = nil
        if let effects = performInTable(action) { return effects }
        switch action {
        case .quit: return [.quit]
        case .help: showHelp = true
        case .nextArrow: cycleArrow(by: 1)
        case .previousArrow: cycleArrow(by: -1)
        case .select: selectAtCursor()
        case .panLeft: if focus == .diagram { panBy(dx: -8, dy: 0) }
        case .panRight:
            if focus == .list { openAtCursor() } else if focus == .diagram { panBy(dx: 8, dy: 0) }
        case .panUp: scroll(by: -1)
        case .panDown: scroll(by: 1)
        case .listUp: moveCursor(by: -1)
        case .listDown: moveCursor(by: 1)
        case .pageUp: focus == .log ? scrollLog(by: -logPageHeight) : moveCursor(by: -1)
        case .pageDown: focus == .log ? scrollLog(by: logPageHeight) : moveCursor(by: 1)
        case .top: goToEnd(last: false)
        case .bottom: goToEnd(last: true)
        case .toggleFollow: toggleFollow()
        case .problemsOnly where focus == .log || !table.shown:
            // `!` filters the pane it concerns: the log when it has focus or no table is shown, else the table.
            toggleProblemsOnly()
        case .fit:
            cycleFit()
        case .maximise:
            maximised.toggle()
            if maximised { focus = table.shown ? .table : .diagram }
            if fit { relayout() } else { clampPan() }
        case .compact:
            compact.toggle()
            pan = CellPoint(x: 0, y: 0)
            relayout()
        case .filter:
            // With the arrows table shown, `/` searches it; otherwise it filters the schema list.
            if table.shown { startSearch() } else {
                editingFilter = true
                focus = .list
            }
        case .export:
            guard current != nil else {
                message = "open a schema first (Enter on the list)"
                return []
            }
            exportCursor = 0
        case .cycleTheme:
            themeIndex = (themeIndex + 1) % themes.count
            message = "theme: \(theme.name)"
            return [.themeChanged]
        case .probeNow:
            guard probing else {
                message = "no topology: start with --topology FILE to probe"
                return []
            }
            return [.probeNow]
        case .togglePause:
            guard probing else {
                message = "no topology: nothing to pause"
                return []
            }
            paused.toggle()
            message = paused ? "probing paused" : "probing resumed"
            return [.setPaused(paused)]
        case .focusNext: focusNextPane()
        case .arrowsTable, .sortColumn, .reverseSort, .problemsOnly, .nextMatch, .previousMatch:
            return performTable(action)
        case .back:
            if selectedArrow != nil || selectedRole != nil {
                selectedArrow = nil
                selectedRole = nil
            } else {
                focus = .list
            }
        }
        return []
    }

    private mutating func handleExportChooser(_ key: Key) -> [Effect] {
        let count = Self.exportChoices.count
        var cursor = exportCursor ?? 0
        switch key {
        case .up, .character("k"): cursor = (cursor + count - 1) % count
        case .down, .character("j"), .tab: cursor = (cursor + 1) % count
        case .escape, .character("q"):
            exportCursor = nil
            return []
        case .enter, .character(" "):
            return chooseExport(cursor)
        case let .character(c):
            if let digit = c.wholeNumberValue, (0..<count).contains(ExportChoice.index(for: digit)) {
                return chooseExport(ExportChoice.index(for: digit))
            }
        default: break
        }
        exportCursor = cursor
        return []
    }

    private mutating func chooseExport(_ index: Int) -> [Effect] {
        exportCursor = nil
        guard let schema = current, Self.exportChoices.indices.contains(index) else { return [] }
        message = "exporting \(schema.id) as \(Self.exportChoices[index])..."
        return [.export(schema.id, Self.exportChoices[index])]
    }

    private mutating func handleFilterTyping(_ key: Key) -> [Effect] {
        switch key {
        case .enter:
            editingFilter = false
            cursor = 0
            previewAtCursor()
            return []
        case .escape:
            editingFilter = false
            filter = ""
        case .backspace, .delete: if !filter.isEmpty { filter.removeLast() }
        case let .character(c): filter.append(c)
        default: break
        }
        cursor = 0
        return []
    }

    /// True if `c` typed after the digits so far continues some arrow's number (`4` then `a`: 4a).
    private func continuesLabel(_ c: Character) -> Bool {
        guard !typedLabel.isEmpty, let schema = current else { return false }
        return schema.connections.contains { $0.label.rawValue.hasPrefix(typedLabel + String(c)) }
    }

    /// Digits jump to a numbered arrow: "1" then "5" selects 15; "4" then "a" selects 4a.
    private mutating func typeLabel(_ c: Character) {
        guard let schema = current else { return }
        let candidate = typedLabel + String(c)
        let labels = schema.connections.map(\.label.rawValue)
        if let index = labels.firstIndex(of: candidate) {
            typedLabel = candidate
            select(arrow: index)
        } else if labels.contains(where: { $0.hasPrefix(candidate) }) {
            typedLabel = candidate
        } else if let index = labels.firstIndex(of: String(c)) {
            typedLabel = String(c)
            select(arrow: index)
        } else {
            typedLabel = ""
            message = "no arrow \(candidate)"
        }
    }

    private mutating func cycleArrow(by step: Int) {
        if current == nil { openAtCursor() }
        guard let schema = current, !schema.connections.isEmpty else { return }
        let count = schema.connections.count
        let next = selectedArrow.map { ($0 + step + count) % count } ?? (step > 0 ? 0 : count - 1)
        select(arrow: next)
    }

    /// Selects an arrow and scrolls the figure so that its label is in view.
    public mutating func select(arrow index: Int) {
        if selectInTable(arrow: index) { return }
        selectedArrow = index
        selectedRole = nil
        focus = .diagram
        guard let diagram, let arrow = selectedArrowRef, let routeIndex = diagram.route(of: arrow) else { return }
        let spot = diagram.labels.first { $0.route == routeIndex }.map { CellPoint(x: $0.rect.x, y: $0.rect.y) }
            ?? diagram.routes[routeIndex].cells.last ?? CellPoint(x: 0, y: 0)
        scroll(toShow: spot)
    }

    mutating func scroll(toShow point: CellPoint) {
        let viewport = screenLayout.diagram
        if point.x < pan.x || point.x >= pan.x + viewport.width { pan.x = point.x - viewport.width / 3 }
        if point.y < pan.y || point.y >= pan.y + viewport.height { pan.y = point.y - viewport.height / 3 }
        clampPan()
    }

    private mutating func selectAtCursor() {
        if focus == .list || current == nil {
            openAtCursor()
        } else if selectedArrow == nil {
            cycleArrow(by: 1)
        }
    }

    private mutating func openAtCursor() {
        previewAtCursor()
        if current != nil { focus = table.shown ? .table : .diagram }
    }

    mutating func panBy(dx: Int, dy: Int) {
        pan = CellPoint(x: pan.x + dx, y: pan.y + dy)
        clampPan()
    }

    private mutating func handle(_ mouse: MouseEvent, hit: HitTarget?) -> [Effect] {
        if showHelp { return handleHelp(mouse) }
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            let step = mouse.kind == .wheelUp ? -1 : 1
            if case .schema = hit { moveCursor(by: step) } else if case .tableRow = hit { moveTableCursor(by: step) } else { panBy(dx: 0, dy: 3 * step) }
            return []
        case .press:
            dragOrigin = (CellPoint(x: mouse.x, y: mouse.y), pan)
            return click(hit)
        case .drag:
            guard let origin = dragOrigin else { return [] }
            pan = CellPoint(x: origin.pan.x - (mouse.x - origin.mouse.x), y: origin.pan.y - (mouse.y - origin.mouse.y))
            clampPan()
            return []
        case .release:
            dragOrigin = nil
            return []
        case .click:
            return click(hit)
        }
    }

    private mutating func click(_ hit: HitTarget?) -> [Effect] {
        switch hit {
        case let .schema(index)?:
            cursor = index
            focus = .list
            openAtCursor()
        case let .arrow(index)?:
            select(arrow: index)
        case let .role(role)?:
            selectedRole = role
            selectedArrow = nil
            focus = .diagram
        case let .exportFormat(index)?:
            return chooseExport(index)
        case let .tableRow(index)?:
            clickTableRow(index)
        case .diagram?:
            focus = .diagram
        case nil:
            break
        }
        return []
    }
}
