/// The YAML files of the built-in schema packs, parsed at build time from `packs/`.
///
/// The files stay the single source of truth; `PackEmbedderPlugin` parses them (a syntax error fails the
/// build with its file:line:col) and compiles in each one's node tree, so that the `portolan` binary works
/// when copied anywhere and loads its catalog without a YAML parse.
public enum BuiltinPackFiles {
    /// One embedded file: its path relative to `packs/` (such as `ksc-13.1/pack.yaml`) and its document,
    /// serialized as `DocumentNode(serialized:)` in PortolanCore reads it.
    public struct File: Sendable, Hashable {
        public let path: String
        public let document: String
    }

    /// Every embedded file, sorted by path.
    public static var all: [File] { embedded }
}
