import Dispatch

/// Runs `body` to its end from synchronous code, and returns when it has.
///
/// The dashboard's loop owns the main thread and blocks in it, so the commands that open it are
/// synchronous; what they must do asynchronously before or after it (a first look at a watcher, shutting
/// the vantage points down) goes through here. The body runs on a detached task, never on the caller's
/// thread, so the wait cannot starve the cooperative pool of the thread it needs.
public func runToCompletion(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await body()
        done.signal()
    }
    done.wait()
}
