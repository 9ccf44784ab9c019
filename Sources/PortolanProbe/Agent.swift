import Foundation
import PortolanCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `portolan agent`: reads `ProbeRequestJSON` lines from a descriptor, probes them from this machine,
/// and writes a hello line, then one `ProbeResultJSON` (or `AgentErrorJSON`) line per request.
///
/// Requests that arrive together are probed together (one scan, in parallel); the agent answers each
/// batch as soon as it is probed, so a controller can send a whole round at once or one line at a time.
public struct Agent: Sendable {
    /// Settings for requests that carry none.
    public var defaults: ProbeSettings
    /// What results say in `vantage`: the vantage point's name, or this machine's host name.
    public var name: String

    public init(defaults: ProbeSettings = ProbeSettings(), name: String) {
        self.defaults = defaults
        self.name = name
    }

    /// Serves requests until `input` ends or `output` is closed by the reader.
    public func run(input: Int32, output: Int32) async {
        let writer = LineWriter(fd: output)
        let hello = (try? ProbeJSONEncoding.string(AgentHelloJSON(pid: Int(getpid())), lines: true)) ?? ""
        guard writer.write(hello) else { return }
        let queue = RequestQueue()
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let thread = Thread { [defaults] in
            Self.read(input, into: queue, errors: writer, defaults: defaults)
            continuation.finish()
        }
        queue.onAppend = { continuation.yield() }
        thread.stackSize = 1 << 20
        thread.start()
        for await _ in signals {
            while !writer.isClosed {
                let batch = queue.takeAll()
                if batch.isEmpty { break }
                await probe(batch, writer: writer)
            }
            if writer.isClosed { break }
        }
        let rest = queue.takeAll()
        if !rest.isEmpty, !writer.isClosed { await probe(rest, writer: writer) }
    }

    /// A request the reader accepted.
    struct Request: Sendable {
        var id: String?
        var target: ProbeTarget
        var arrow: ArrowRef?
        var settings: ProbeSettings
    }

    /// Probes one batch, grouped by settings (one scan per group), and writes every answer.
    private func probe(_ batch: [Request], writer: LineWriter) async {
        var groups: [ProbeSettings: [Request]] = [:]
        var order: [ProbeSettings] = []
        for request in batch {
            if groups[request.settings] == nil { order.append(request.settings) }
            groups[request.settings, default: []].append(request)
        }
        for settings in order {
            let requests = groups[settings] ?? []
            let outcomes = await TopologyRound.prober(for: settings).probe(requests.map(\.target))
            var text = ""
            for (request, outcome) in zip(requests, outcomes) {
                let result = ProbeResult(arrow: request.arrow, target: request.target, outcome: outcome, vantage: .named(name))
                text += (try? ProbeResultJSON(result, id: request.id).line()) ?? ""
            }
            guard writer.write(text) else { return }
        }
    }

    /// Reads lines until end of input; queues good requests, answers bad ones with an error line.
    ///
    /// Lines are split in linear time; a line longer than `LineSplitter.defaultLimit` is answered with
    /// an error naming its number, and the lines after it are read as usual.
    static func read(_ fd: Int32, into queue: RequestQueue, errors: LineWriter, defaults: ProbeSettings) {
        var splitter = LineSplitter()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var answering = true
        var ended = false
        while answering && !ended {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            var accepted: [Request] = []
            func take(_ item: LineSplitter.Item) {
                guard answering else { return }
                let outcome: Result<Request, AgentErrorJSON>
                switch item {
                case let .line(number, line):
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
                    outcome = parse(Array(line), lineNumber: number, defaults: defaults)
                case let .tooLong(number):
                    let limit = "\(LineSplitter.defaultLimit >> 20) MiB"
                    outcome = .failure(AgentErrorJSON(error: "stdin:\(number):1: the line is longer than \(limit) (a request is one JSON object on one line)", id: nil))
                }
                switch outcome {
                case let .success(request): accepted.append(request)
                case let .failure(error):
                    FileHandle.standardError.write(Data("portolan agent: \(error.error)\n".utf8))
                    if let text = try? ProbeJSONEncoding.string(error, lines: true), !errors.write(text) { answering = false }
                }
            }
            if count <= 0 {
                ended = true
                splitter.finish(take)
            } else {
                splitter.feed(chunk[0..<count], take)
            }
            if !accepted.isEmpty { queue.append(accepted) }
        }
    }

    /// One request line → a request, or an error line that says where and what.
    static func parse(_ line: [UInt8], lineNumber: Int, defaults: ProbeSettings) -> Result<Request, AgentErrorJSON> {
        let place = "stdin:\(lineNumber):1"
        let data = Data(line)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return .failure(AgentErrorJSON(error: "\(place): not valid JSON (a request is one object on one line, such as {\"host\":\"10.0.0.5\",\"port\":13000,\"protocol\":\"tcp\"})", id: nil))
        }
        let id: String? = switch (object as? [String: Any])?["id"] {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
        guard object is [String: Any] else {
            return .failure(AgentErrorJSON(error: "\(place): a request is a JSON object, not \(describe(jsonValue: object))", id: nil))
        }
        let json: ProbeRequestJSON
        do {
            json = try JSONDecoder().decode(ProbeRequestJSON.self, from: data)
        } catch let error as JSONFieldError {
            return .failure(AgentErrorJSON(error: "\(place): field \(quoted(error.field)) \(error.message)", id: id))
        } catch {
            return .failure(AgentErrorJSON(error: "\(place): \(String(describing: error).prefix(200))", id: id))
        }
        do {
            let target = try json.target()
            var settings = defaults
            if let timeout = json.timeoutMilliseconds {
                settings.timeoutMilliseconds = timeout
                settings.minimumTimeoutMilliseconds = min(settings.minimumTimeoutMilliseconds, timeout)
            }
            if let retries = json.retries { settings.retries = retries }
            return .success(Request(id: json.id, target: target, arrow: json.arrow, settings: settings))
        } catch let error as JSONFieldError {
            return .failure(AgentErrorJSON(error: "\(place): field \(quoted(error.field)): \(error.message)", id: json.id))
        } catch {
            return .failure(AgentErrorJSON(error: "\(place): \(String(describing: error).prefix(200))", id: json.id))
        }
    }

    /// What kind of JSON value a line held instead of an object.
    static func describe(jsonValue value: Any) -> String {
        switch value {
        case is [Any]: "an array"
        case is String: "a string"
        case is NSNull: "null"
        case is NSNumber: "a number"
        default: "another value"
        }
    }
}

/// Requests read but not yet probed, handed from the reader thread to the probing task.
final class RequestQueue: @unchecked Sendable {
    private let pending = Mutex<[Agent.Request]>([])
    /// Called after every append; set before the reader starts.
    var onAppend: @Sendable () -> Void = {}

    func append(_ requests: [Agent.Request]) {
        pending.withLock { $0 += requests }
        onAppend()
    }

    func takeAll() -> [Agent.Request] {
        pending.withLock { queue in
            defer { queue = [] }
            return queue
        }
    }
}

/// Writes whole lines to a descriptor from several threads; remembers when the reader has gone.
final class LineWriter: Sendable {
    private let fd: Int32
    private let closed = Mutex(false)

    init(fd: Int32) { self.fd = fd }

    var isClosed: Bool { closed.withLock { $0 } }

    /// Writes all of `text`; false once the other end is closed (`EPIPE`) or writing fails.
    func write(_ text: String) -> Bool {
        closed.withLock { isClosed in
            guard !isClosed else { return false }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    isClosed = true
                    return false
                }
                bytes = bytes.dropFirst(written)
            }
            return true
        }
    }
}
