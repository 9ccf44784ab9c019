import Foundation
import PortolanCore

extension Theme {
    /// The built-in themes, the default first: the order the dashboard's `t` cycles through them.
    public static let builtinNames = ["ksc", "mono", "high-contrast", "light"]

    /// The theme `choice` names: a built-in theme, else the theme file at that path. The one lookup of
    /// `--theme` for every command (export, tui, demo).
    ///
    /// - Throws: `LocatedError` for a name that is neither (with the nearest built-in name), a file that
    ///   cannot be read, or a theme file with errors (`file:line:col`).
    public static func named(_ choice: String) throws -> Theme {
        if let builtin = builtin(choice) { return builtin }
        guard FileManager.default.fileExists(atPath: choice) else {
            let near = Suggestion.nearest(choice, in: builtinNames).map { "did you mean '\($0)'? " } ?? ""
            throw LocatedError(
                file: choice, "no such theme",
                hint: near + "built-in: \(builtinNames.joined(separator: ", ")); or give a theme file's path")
        }
        return try parse(try TextFile.read(choice, what: "theme file"), file: choice)
    }

    /// The theme `choice` names first, then the other built-in ones, for the dashboard's `t` to cycle through.
    public static func cycle(startingWith choice: String) throws -> [Theme] {
        let chosen = try named(choice)
        return [chosen] + builtinNames.filter { $0 != chosen.name }.compactMap(builtin)
    }
}
