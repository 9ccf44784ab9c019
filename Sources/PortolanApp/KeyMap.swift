import PortolanCore

/// Which key does what: data, not a chain of conditions. A keymap file can rebind any key.
public struct KeyMap: Sendable, Hashable {
    public var bindings: [Key: Action]

    public init(bindings: [Key: Action]) { self.bindings = bindings }

    /// The action bound to `key`.
    public func action(for key: Key) -> Action? { bindings[key] }

    /// The keys bound to `action`, sorted by name, for the help screen.
    public func keys(for action: Action) -> [Key] {
        bindings.filter { $0.value == action }.map(\.key).sorted { $0.description < $1.description }
    }

    /// The default keys: arrows and hjkl pan, Tab cycles arrows, Enter selects, `?` helps, `q` quits.
    public static let standard = KeyMap(bindings: [
        .character("q"): .quit, .character("?"): .help, .f1: .help,
        .tab: .nextArrow, .backTab: .previousArrow, .enter: .select, .character(" "): .select,
        .left: .panLeft, .character("h"): .panLeft, .right: .panRight, .character("l"): .panRight,
        .up: .panUp, .character("k"): .panUp, .down: .panDown, .character("j"): .panDown,
        .character("f"): .fit, .character("z"): .maximise, .character("c"): .compact, .character("/"): .filter, .character("e"): .export,
        .character("t"): .cycleTheme, .character("r"): .probeNow, .character("p"): .togglePause,
        .character("o"): .focusNext, .escape: .back, .character("["): .listUp, .character("]"): .listDown,
        .pageUp: .pageUp, .pageDown: .pageDown, .character("g"): .top, .home: .top, .character("G"): .bottom, .end: .bottom,
        .character("F"): .toggleFollow,
        .character("a"): .arrowsTable, .character("s"): .sortColumn, .character("S"): .reverseSort, .character("!"): .problemsOnly,
        .character("n"): .nextMatch, .character("N"): .previousMatch,
    ])

    /// Reads a keymap file: a mapping of key names to action names, applied over the standard keys.
    ///
    /// ```yaml
    /// keys:
    ///   x: quit
    ///   q: none        # unbinds q
    /// ```
    /// - Throws: `LocatedError` naming the file, line and column of an unknown key or action.
    public static func read(_ text: String, file: String, over base: KeyMap = .standard) throws -> KeyMap {
        let root = try YAMLNode.parse(text, file: file).mapping("keymap")
        try root.rejectUnknownKeys(["keys"])
        var map = base
        for entry in try root.required("keys").mapping("keys").entries {
            guard let key = Key(name: entry.key) else {
                throw LocatedError(
                    at: entry.keyLocation, "unknown key name \(quoted(entry.key))",
                    hint: "a single character, or one of: space, up, down, left, right, home, end, page-up, page-down, tab, shift-tab, enter, escape, backspace, delete, f1")
            }
            let name = try entry.value.string("action")
            if name == "none" {
                map.bindings[key] = nil
                continue
            }
            guard let action = Action(rawValue: name) else {
                throw entry.value.error(
                    "unknown action \(quoted(name))", hint: "expected one of: none, \(Action.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            map.bindings[key] = action
        }
        return map
    }
}
