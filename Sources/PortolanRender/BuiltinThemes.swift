/// The theme files of `Sources/PortolanRender/themes/`, compiled in by `PackEmbedderPlugin` so that the binary
/// works anywhere.
public enum BuiltinThemes {
    /// File text by theme name (`ksc`, `mono`, ...).
    public static var files: [String: String] { embedded }
}
