import Foundation
import Synchronization
import CPortolanNet

#if canImport(Glibc)
import Glibc
#endif

/// A child process started from an argument vector without a shell, with pipes on its standard
/// input, output and error. Its output is read on threads of its own, line by line.
final class ChildProcess: Sendable {
    let pid: pid_t
    /// The write end of the child's standard input; -1 once closed.
    private let input: Mutex<Int32>
    /// The last lines the child wrote to standard error, for messages about why it died.
    private let errorTail = Mutex<[String]>([])

    /// How the child ended.
    enum Exit: Sendable, Equatable, CustomStringConvertible {
        case status(Int32)
        case signal(Int32)

        var description: String {
            switch self {
            case let .status(code): "exited with status \(code)"
            case let .signal(number): "killed by signal \(number)"
            }
        }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var command: [String]
        var code: Int32

        var description: String {
            let program = command.first ?? ""
            switch code {
            case ENOENT where program.contains("/"): return "cannot start '\(program)': no such file"
            case ENOENT: return "cannot start '\(program)': command not found in PATH"
            case EACCES: return "cannot start '\(program)': permission denied (not an executable file?)"
            default: return "cannot start '\(command.joined(separator: " "))': \(String(cString: strerror(code)))"
            }
        }
    }

    /// Starts `command` (looked up in `PATH` like a shell would, but never through one).
    ///
    /// `onLine` gets each line of standard output; `onExit` runs once output has ended and the child
    /// has been reaped. Descriptors other than the three pipes are not inherited.
    init(_ command: [String], onLine: @escaping @Sendable (String) -> Void, onExit: @escaping @Sendable (Exit) -> Void) throws {
        precondition(!command.isEmpty, "a vantage command is never empty (the topology reader checks)")
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        for index in 0..<3 {
            var pair: [Int32] = [-1, -1]
            guard CloseOnExecPipe.make(&pair) == 0 else {
                let code = errno
                for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
                throw SpawnError(command: command, code: code)
            }
            switch index {
            case 0: stdinPipe = pair
            case 1: stdoutPipe = pair
            default: stderrPipe = pair
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: a terminal's Ctrl-C goes to portolan, which then ends its agents itself.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let code = posix_spawnp(&child, command[0], &actions, &attributes, argv, environ)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard code == 0 else {
            close(stdinPipe[1])
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw SpawnError(command: command, code: code)
        }
        pid = child
        input = Mutex(stdinPipe[1])
        let errorFD = stderrPipe[0]
        let errorDone = DispatchSemaphore(value: 0)
        let errorThread = Thread {
            Self.readLines(errorFD) { line in
                self.errorTail.withLock { lines in
                    lines.append(line)
                    if lines.count > 8 { lines.removeFirst(lines.count - 8) }
                }
            }
            close(errorFD)
            errorDone.signal()
        }
        errorThread.stackSize = 1 << 18
        errorThread.start()
        let outputFD = stdoutPipe[0]
        let spawned = child
        let outputThread = Thread {
            Self.readLines(outputFD, onLine)
            close(outputFD)
            var status: Int32 = 0
            while waitpid(spawned, &status, 0) < 0, errno == EINTR {}
            // Its last words on standard error explain the exit; a grandchild that keeps the pipe open
            // (an ssh master connection, say) must not hold the news back for long.
            _ = errorDone.wait(timeout: .now() + .seconds(1))
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
            let signal = status & 0x7F
            onExit(signal == 0 ? .status((status >> 8) & 0xFF) : .signal(signal))
        }
        outputThread.stackSize = 1 << 18
        outputThread.start()
    }

    /// The last non-empty line the child wrote to standard error.
    var lastErrorLine: String? { errorTail.withLock { $0.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } } }

    /// Writes to the child's standard input; false if it is closed or the child has gone.
    func send(_ text: String) -> Bool {
        input.withLock { fd in
            guard fd >= 0 else { return false }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                bytes = bytes.dropFirst(written)
            }
            return true
        }
    }

    /// Closes standard input: an agent exits when its input ends.
    func closeInput() {
        input.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    /// Sends `signal` to the child's process group.
    func kill(_ signal: Int32) { _ = Glibc.kill(-pid, signal) }

    /// Calls `body` with each line of `fd` until end of file, in linear time. A line longer than
    /// `LineSplitter.defaultLimit` is passed on as a note that names its number instead of its bytes.
    static func readLines(_ fd: Int32, _ body: (String) -> Void) {
        LineSplitter.read(fd) { item in
            switch item {
            case let .line(_, bytes): body(String(decoding: bytes, as: UTF8.self))
            case let .tooLong(number): body("(line \(number) is longer than \(LineSplitter.defaultLimit >> 20) MiB and was skipped)")
            }
        }
    }
}

extension ChildProcess {
    /// A write to an agent that has died must fail with `EPIPE`, not kill portolan with `SIGPIPE`.
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }
}

/// Pipes whose ends are close-on-exec from birth: a process that another thread spawns between a plain
/// `pipe()` and `fcntl(FD_CLOEXEC)` would keep a write end open, and its reader would never see the end.
public enum CloseOnExecPipe {
    /// `pipe2(fds, O_CLOEXEC)`: 0, or -1 with `errno` set.
    public static func make(_ fds: inout [Int32]) -> Int32 {
        fds.withUnsafeMutableBufferPointer { cpn_pipe_cloexec($0.baseAddress) }
    }
}
