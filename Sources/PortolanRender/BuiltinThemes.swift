/// The theme files of `Sources/PortolanRender/themes/`, compiled in by `PackEmbedderPlugin` so that the binary
/// works anywhere.
public enum BuiltinThemes {
    /// File text by theme name (`ksc`, `mono`, ...).
    public static var files: [String: String] { Dictionary(uniqueKeysWithValues: embedded.map { ($0.name, $0.text) }) }

    /// The file text of the built-in theme `name`, if there is one (a look along the few pairs: no dictionary
    /// on the way of a plain `export`).
    public static func text(named name: String) -> String? { embedded.first { $0.name == name }?.text }
}
