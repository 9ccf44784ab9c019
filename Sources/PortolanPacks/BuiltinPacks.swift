import PortolanModel

/// The built-in schema packs, read and checked at build time from `packs/`.
///
/// The YAML files stay the single source of truth; `PackEmbedderPlugin` reads them with the same `PackLoader`
/// as user packs (a broken built-in pack fails the build with its file:line:col) and compiles in the checked
/// `Pack` values, so that the `portolan` binary works when copied anywhere and starts without a YAML parse
/// or a second check.
public enum BuiltinPacks {
    /// Every built-in pack, by folder name.
    public static var all: [Pack] { embedded }
}
