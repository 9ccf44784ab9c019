/// The YAML files of the built-in schema packs, embedded at build time from `packs/`.
///
/// The files stay the single source of truth; `PackEmbedderPlugin` turns them into string
/// constants so that the `portolan` binary works when copied anywhere.
public enum BuiltinPackFiles {
    /// One embedded file: its path relative to `packs/` (such as `ksc-13.1/pack.yaml`) and its text.
    public struct File: Sendable, Hashable {
        public let path: String
        public let text: String
    }

    /// Every embedded file, sorted by path.
    public static var all: [File] { embedded }
}
