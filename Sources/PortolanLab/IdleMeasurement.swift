import Foundation
import PortolanCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs `portolan tui` in tmux against listeners it opens on 127.0.0.77 and reads the process's CPU time.
public struct IdleMeasurement: Sendable {
    public var seconds: Double
    /// The `portolan` binary to run in tmux.
    public var binary: String

    public init(seconds: Double, binary: String) {
        self.seconds = seconds
        self.binary = binary
    }

    /// The dashboard's CPU use over `seconds`, in per cent of one core.
    public func run() throws -> Double {
        let address = "127.0.0.77"
        let listeners = try [13000, 14000].map { try Listener(address: address, port: UInt16($0)) }
        defer { for listener in listeners { listener.close() } }
        let folder = FileManager.default.temporaryDirectory.appending(path: "portolan-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let topology = folder.appending(path: "bench.yaml")
        try """
            name: bench
            schemas: [ksc13-server-agent]
            roles:
              administration-server: \(address)
              client-device: \(address)
            probe: {timeout-ms: 200, min-timeout-ms: 50, retries: 0}
            """.write(to: topology, atomically: true, encoding: .utf8)
        let socket = "portolan-bench-\(getpid())"
        let command = "env TERM=xterm-256color LANG=C.UTF-8 \(binary) tui --topology \(topology.path) --schema ksc13-server-agent --interval 1"
        guard shell("tmux -L \(socket) new-session -d -s b -x 200 -y 60 '\(command)'") == 0 else {
            throw CommandFailure("bench-tui: cannot start tmux (install tmux, or pass --no-idle)")
        }
        defer { _ = shell("tmux -L \(socket) kill-server") }
        let pid = try childPID(socket: socket)
        // Let it start, draw and run its first probe rounds before measuring.
        Thread.sleep(forTimeInterval: 2)
        let before = try cpuTicks(pid)
        let start = Date()
        Thread.sleep(forTimeInterval: seconds)
        let ticks = try cpuTicks(pid) - before
        let elapsed = Date().timeIntervalSince(start)
        return Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK))) / elapsed * 100
    }

    private func shell(_ command: String, output: String = "/dev/null") -> Int32 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command + " >\(output) 2>/dev/null </dev/null"].map { (text: String) in strdup(text) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// The portolan process in the tmux pane.
    private func childPID(socket: String) throws -> Int32 {
        let file = FileManager.default.temporaryDirectory.appending(path: "\(socket).pid")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = shell("tmux -L \(socket) display-message -p -t b '#{pane_pid}'", output: file.path)
        guard let text = try? String(contentsOf: file, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CommandFailure("bench-tui: cannot find the dashboard's process")
        }
        return pid
    }

    /// User plus system CPU time of a process, in clock ticks (/proc/PID/stat fields 14 and 15).
    private func cpuTicks(_ pid: Int32) throws -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { throw CommandFailure("bench-tui: the dashboard exited early") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }
}

/// A TCP listener on one address and port, accepting in the background until closed.
final class Listener: @unchecked Sendable {
    private let descriptor: Int32
    private let thread: Thread

    init(address: String, port: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = port.bigEndian
        inet_pton(AF_INET, address, &sin.sin_addr)
        let bound = withUnsafePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 64) == 0 else {
            Glibc.close(fd)
            throw CommandFailure("bench-tui: cannot listen on \(address):\(port)")
        }
        descriptor = fd
        thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                Glibc.close(client)
            }
        }
        thread.start()
    }

    func close() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
    }
}
