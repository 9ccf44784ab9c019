import CPortolanNet
#if canImport(Glibc)
import Glibc
#endif

/// Network namespaces made with `ip netns add`, entered by the calling thread only.
public enum NetworkNamespace {
    /// A namespace that could not be entered.
    public struct EntryError: Error, CustomStringConvertible {
        public var name: String
        public var message: String
        public var description: String { "cannot enter network namespace '\(name)': \(message)" }
    }

    /// Moves the calling thread into `/run/netns/NAME`; sockets it opens afterwards live there.
    ///
    /// Use it on a thread of your own (the scanner runs on the thread that calls `scan`).
    /// - Throws: `EntryError` if the namespace does not exist or the process lacks `CAP_SYS_ADMIN`.
    public static func enter(_ name: String) throws {
        guard !name.contains("/"), cpn_enter_network_namespace("/run/netns/\(name)") == 0 else {
            throw EntryError(name: name, message: name.contains("/") ? "bad name" : String(cString: strerror(errno)))
        }
    }
}
