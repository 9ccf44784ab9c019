import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PortolanCore

/// Stands in for a role: opens its documented ports on this machine and answers on them.
///
/// TCP endpoints accept connections (plain ones close a connection as soon as the peer sends
/// anything, so a TLS client sees plain text refused at once); TLS endpoints complete handshakes with
/// a self-signed certificate made when the first one opens; UDP endpoints send every datagram back.
/// Each accepted connection and answered datagram is reported through `onEvent`.
public final class Mimic: @unchecked Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let onEvent: @Sendable (MimicEvent) -> Void
    private let lock = NSLock()
    private var channels: [MimicEndpoint: Channel] = [:]
    private var tlsContext: Result<NIOSSLContext, MimicCertificate.Failure>?
    private var isShutDown = false

    /// - Parameter onEvent: called for every event, on one of the mimic's threads.
    public init(onEvent: @escaping @Sendable (MimicEvent) -> Void = { _ in }) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.onEvent = onEvent
    }

    deinit {
        try? group.syncShutdownGracefully()
    }

    /// The endpoints open now, sorted.
    public var openEndpoints: [MimicEndpoint] {
        lock.withLock { channels.keys.sorted() }
    }

    /// Opens every endpoint; one that fails (a port in use, an address not on this machine) is reported
    /// and does not stop the others. An endpoint already open counts as opened.
    public func open(_ endpoints: [MimicEndpoint]) async -> MimicReport {
        var report = MimicReport()
        for endpoint in endpoints {
            do {
                try await open(endpoint)
                report.opened.append(endpoint)
            } catch {
                report.failed[endpoint] = "\(error)"
            }
        }
        return report
    }

    /// Opens one endpoint.
    ///
    /// - Throws: `MimicFailure` naming the endpoint and why it could not be opened.
    public func open(_ endpoint: MimicEndpoint) async throws {
        if lock.withLock({ channels[endpoint] != nil }) { return }
        do {
            let address = try SocketAddress(ipAddress: endpoint.address.description, port: Int(endpoint.port.rawValue))
            let channel: Channel
            switch endpoint.transport {
            case .tcp:
                let context = endpoint.tls ? try certificateContext().get() : nil
                channel = try await ServerBootstrap(group: group)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .serverChannelOption(.backlog, value: 256)
                    .childChannelInitializer { [onEvent] child in
                        child.eventLoop.makeCompletedFuture {
                            if let context {
                                try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                            }
                            try child.pipeline.syncOperations.addHandler(
                                StreamAnswer(endpoint: endpoint, closeOnData: context == nil, onEvent: onEvent))
                        }
                    }
                    .bind(to: address).get()
            case .udp:
                channel = try await DatagramBootstrap(group: group)
                    .channelInitializer { [onEvent] channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(DatagramEcho(endpoint: endpoint, onEvent: onEvent))
                        }
                    }
                    .bind(to: address).get()
            }
            let kept = lock.withLock { () -> Bool in
                guard !isShutDown, channels[endpoint] == nil else { return false }
                channels[endpoint] = channel
                return true
            }
            guard kept else {
                try? await channel.close()
                return
            }
            onEvent(.opened(endpoint))
        } catch {
            let failure = MimicFailure(endpoint: endpoint, reason: Self.reason(error))
            onEvent(.failed(endpoint, reason: failure.reason))
            throw failure
        }
    }

    /// Closes one endpoint (connections it already accepted run to their end); does nothing if it is not open.
    public func close(_ endpoint: MimicEndpoint) async {
        guard let channel = lock.withLock({ channels.removeValue(forKey: endpoint) }) else { return }
        try? await channel.close()
        onEvent(.closed(endpoint))
    }

    /// Closes every endpoint; later `open` calls open nothing.
    public func shutdown() async {
        let all = lock.withLock { () -> [MimicEndpoint] in
            isShutDown = true
            return Array(channels.keys)
        }
        for endpoint in all.sorted() { await close(endpoint) }
    }

    private func certificateContext() -> Result<NIOSSLContext, MimicCertificate.Failure> {
        lock.withLock {
            if let tlsContext { return tlsContext }
            let made = Result { try MimicCertificate.serverContext() }.mapError { error in
                error as? MimicCertificate.Failure ?? MimicCertificate.Failure(message: "\(error)")
            }
            tlsContext = made
            return made
        }
    }

    private static func reason(_ error: Error) -> String {
        if let failure = error as? MimicCertificate.Failure { return failure.message }
        if let io = error as? IOError {
            switch io.errnoCode {
            case EADDRINUSE: return "port in use"
            case EADDRNOTAVAIL: return "address not on this machine"
            case EACCES: return "permission denied (a port below 1024 needs privileges)"
            default: return io.description
            }
        }
        return "\(error)"
    }
}

/// An endpoint that could not be opened.
public struct MimicFailure: Error, CustomStringConvertible {
    public var endpoint: MimicEndpoint
    public var reason: String
    public var description: String { "\(endpoint): \(reason)" }
}

/// Reports an accepted connection; on a plain port, closes it when the peer sends anything.
private final class StreamAnswer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let endpoint: MimicEndpoint
    let closeOnData: Bool
    let onEvent: @Sendable (MimicEvent) -> Void

    init(endpoint: MimicEndpoint, closeOnData: Bool, onEvent: @escaping @Sendable (MimicEvent) -> Void) {
        self.endpoint = endpoint
        self.closeOnData = closeOnData
        self.onEvent = onEvent
    }

    func channelActive(context: ChannelHandlerContext) {
        onEvent(.connection(endpoint, peer: peerText(context.remoteAddress)))
        // No connection outlives half a minute, whatever the peer does.
        let channel = context.channel
        context.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closeOnData { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// Sends every datagram back to its sender and reports it.
private final class DatagramEcho: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let endpoint: MimicEndpoint
    let onEvent: @Sendable (MimicEvent) -> Void

    init(endpoint: MimicEndpoint, onEvent: @escaping @Sendable (MimicEvent) -> Void) {
        self.endpoint = endpoint
        self.onEvent = onEvent
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        onEvent(.connection(endpoint, peer: peerText(envelope.remoteAddress)))
        var reply = envelope.data
        if reply.readableBytes == 0 { reply = context.channel.allocator.buffer(string: "portolan") }
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: reply)), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A UDP socket reports ICMP errors of earlier replies here; it keeps answering.
    }
}

private func peerText(_ address: SocketAddress?) -> String {
    guard let address, let ip = address.ipAddress, let port = address.port else { return "a peer that already left" }
    if case .v6 = address { return "[\(ip)]:\(port)" }
    return "\(ip):\(port)"
}
