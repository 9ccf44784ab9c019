import Foundation
import PortolanTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `export -o` and the nodes a path can name: devices and FIFOs are written to, never replaced; files
/// and symbolic links are replaced atomically; anything else is refused; no temporary file is left.
@Suite struct OutputPathTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "portolan-output-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    func export(_ output: String) throws -> Run {
        try Binary.run(["export", "ksc13-server-agent", "--format", "svg", "-o", output])
    }

    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func characterDevicesAreWrittenToNotReplaced() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Copies of /dev/null (1,3) and /dev/full (1,7) in a temporary folder.
        let null = folder + "/null", full = folder + "/full"
        #expect(mknod(null, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 && mknod(full, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0)
        let wrote = try export(null)
        #expect(wrote.status == 0, "\(wrote.stderr)")
        #expect(kind(null) == S_IFCHR)
        let failed = try export(full)
        #expect(failed.status == 2)
        #expect(failed.stderr == "\(full): cannot write: no space left on device\n")
        #expect(kind(full) == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["full", "null"])
    }

    /// Standard output on a full device: a message and status 2 (FileHandle's write used to crash).
    @Test func aFullStandardOutputIsAnErrorNotACrash() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "/dev/full")
        let process = Process()
        process.executableURL = try Binary.url()
        process.arguments = ["export", "ksc13-server-agent"]
        process.standardOutput = full
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(said == "portolan: cannot write to standard output: no space left on device\n")
    }

    @Test func aFIFOIsWrittenTo() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = ReceivedText()
        // A plain blocking reader: open(2) waits for the writer, read(2) runs to its close.
        let reader = Thread {
            var bytes: [UInt8] = []
            let fd = open(fifo, O_RDONLY)
            if fd >= 0 {
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(fd, &chunk, chunk.count)
                    if count <= 0 { break }
                    bytes += chunk[0..<count]
                }
                close(fd)
            }
            received.text = String(decoding: bytes, as: UTF8.self)
            received.done.signal()
        }
        reader.start()
        let run = try PortolanProcess.run(["export", "ksc13-server-agent", "--format", "svg", "-o", fifo], timeLimit: 30)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(received.done.wait(timeout: .now() + 20) == .success)
        #expect(received.text.hasPrefix("<svg") || received.text.hasPrefix("<?xml"), "\(received.text.prefix(80))")
        #expect(kind(fifo) == S_IFIFO)
    }

    @Test func aSymbolicLinkIsReplacedNotFollowed() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/target.txt", link = folder + "/link.svg"
        try "keep me".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink(target, link) == 0)
        #expect(try export(link).status == 0)
        #expect(kind(link) == S_IFREG)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    }

    @Test func dashIsStandardOutputAndOtherNodesAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dash = try export("-")
        #expect(dash.status == 0 && dash.stdout.contains("<svg"))
        #expect(!FileManager.default.fileExists(atPath: "-"))
        let empty = try export("")
        #expect(empty.status == 2)
        #expect(empty.stderr == "'': an empty output path (give a file's path, or '-' for standard output)\n")
        // A socket is neither a file nor something to stream to.
        let socketPath = folder + "/s"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in socketPath.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0)
        let refused = try export(socketPath)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(socketPath): is a socket"), "\(refused.stderr)")
        #expect(kind(socketPath) == S_IFSOCK)
    }

    @Test func aStaleTemporaryFileOfOursIsRemovedOnTheNextExport() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A process id that is not running: one past the kernel's maximum.
        let maximum = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4_194_304
        let stale = folder + "/.old.svg.portolan-\(maximum + 1).tmp"
        let live = folder + "/.other.svg.portolan-\(getpid()).tmp"
        let foreign = folder + "/.notes.tmp"
        for path in [stale, live, foreign] { FileManager.default.createFile(atPath: path, contents: Data("x".utf8)) }
        #expect(try export(folder + "/schema.svg").status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == [".notes.tmp", ".other.svg.portolan-\(getpid()).tmp", "schema.svg"], "\(left)")
    }
}

/// What the FIFO's reader thread read.
final class ReceivedText: @unchecked Sendable {
    var text = ""
    let done = DispatchSemaphore(value: 0)
}
