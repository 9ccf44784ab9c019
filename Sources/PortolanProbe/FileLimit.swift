#if canImport(Glibc)
import Glibc
#endif
import CPortolanNet

/// The file-descriptor limit, and the window of probes in flight that it allows.
///
/// A process with a 1,024 limit must clamp its window rather than fail connects with `EMFILE` and lose results.
public enum FileLimit {
    /// Descriptors kept free for everything else the process has open or may open (epoll, TLS, stdio).
    public static let reserve = 64

    /// Raises the soft limit to the hard limit (as far as the system allows) and returns the soft limit.
    @discardableResult
    public static func raise() -> Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(RLIMIT_NOFILE_VALUE, &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur > rlim_t(Int32.max) ? Int(Int32.max) : Int(limit.rlim_cur)
    }

    /// The probes that may be in flight: at most `requested`, and at most what the limit leaves
    /// once `openNow` descriptors and the reserve are counted; never below 1.
    public static func window(requested: Int, limit: Int, openNow: Int) -> Int {
        max(1, min(requested, limit - openNow - reserve))
    }

    /// Grows the descriptor table at once to hold descriptor numbers up to `highest`.
    ///
    /// The kernel doubles the table as descriptors are opened, and in a process with several threads
    /// each doubling waits for an RCU grace period (`expand_files` calls `synchronize_rcu`): opening a
    /// window of 4,096 sockets paid seven of them, about 100 ms with both cores idle at the start of the
    /// issue-14 fleet round (seen with `perf record -e sched:sched_switch`). One grown table pays one,
    /// once per process (tables never shrink). A `highest` over the limit leaves the table as it is.
    public static func growTable(upTo highest: Int) {
        _ = cpn_grow_descriptor_table(Int32(clamping: highest))
    }

    /// How many descriptors the process has open now (entries of `/proc/self/fd`); 16 where that cannot be read.
    public static func openDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 16 }
        defer { closedir(directory) }
        var count = 0
        while readdir(directory) != nil { count += 1 }
        return max(0, count - 2)
    }

    private static var RLIMIT_NOFILE_VALUE: __rlimit_resource_t {
        #if os(Linux)
        __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        RLIMIT_NOFILE
        #endif
    }
}
