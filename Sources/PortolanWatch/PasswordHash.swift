import HummingbirdBcrypt

/// bcrypt password hashes as exporter web-config files hold them.
///
/// Checks use hummingbird-auth's bcrypt (OpenBSD's C implementation). It knows the `$2a$` and `$2b$`
/// prefixes; `$2y$`, which htpasswd writes, is the same algorithm under PHP's name, so it is read as `$2b$`.
public enum PasswordHash {
    /// True for `$2a$`, `$2b$` or `$2y$`, a two-digit cost and 53 characters of salt and hash.
    public static func isBcrypt(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, ["2a", "2b", "2y"].contains(parts[1]) else { return false }
        guard parts[2].count == 2, let cost = Int(parts[2]), (4...31).contains(cost) else { return false }
        return parts[3].count == 53
    }

    /// True when `password` matches `hash`. Slow on purpose (the hash's cost): run it off the event loops.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard isBcrypt(hash) else { return false }
        let normalized = hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
        return Bcrypt.verify(password, hash: normalized)
    }

    /// A new hash of `password` (for tests and documentation; users make theirs with htpasswd).
    public static func make(_ password: String, cost: UInt8 = 10) -> String { Bcrypt.hash(password, cost: cost) }
}
