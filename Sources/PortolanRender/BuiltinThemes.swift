/// The theme files of `Sources/PortolanRender/themes/`, compiled in by `PackEmbedderPlugin` so that the binary
/// works anywhere.
public enum BuiltinThemes {
    /// The file text of the built-in theme `name` (`ksc`, `mono`, ...), if there is one (a look along the few
    /// pairs: no dictionary on the way of a plain `export`).
    public static func text(named name: String) -> String? { embedded.first { $0.name == name }?.text }
}
