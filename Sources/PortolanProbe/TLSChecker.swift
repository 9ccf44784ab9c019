import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import PortolanCore

/// Completes (or fails) one TLS handshake per port and reports what the server presented.
///
/// Sends a ClientHello and nothing else; certificates are read, never verified (the point is to see
/// what the port presents). The first bytes the server sends are kept before decryption, which tells
/// a TLS server that refused the handshake (`handshake-failed`) from a port that does not speak TLS.
public final class TLSChecker: Sendable {
    let group: MultiThreadedEventLoopGroup
    let timeout: TimeAmount
    let context: NIOSSLContext?

    /// - Parameter timeout: the most a connect plus handshake may take.
    public init(timeout: Duration = .seconds(2)) {
        let (seconds, attoseconds) = timeout.components
        self.timeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.minimumTLSVersion = .tlsv1
        context = try? NIOSSLContext(configuration: configuration)
    }

    deinit { try? group.syncShutdownGracefully() }

    /// Handshakes with `address:port` and judges the result against what the documents say.
    ///
    /// - Parameter serverName: sent as SNI when it is a host name.
    public func check(address: IPAddress, port: PortNumber, serverName: String?, expected: TLSExpectation) async -> TLSReport {
        let observation = await handshake(address: address, port: port, serverName: serverName)
        return TLSJudgement.report(observation, expected: expected)
    }

    /// Handshakes like `check`, allowing for a port that changes state while it is probed (the scan saw
    /// it open a moment ago).
    ///
    /// When the connect is refused, or the connection is reset or closed before the handshake ended, the
    /// handshake is tried once more: refused again means the port has just closed (`.closed`); anything
    /// else is judged as usual (a server that really drops every ClientHello is still `not-tls`).
    public func checkAllowingForChange(address: IPAddress, port: PortNumber, serverName: String?, expected: TLSExpectation) async -> TLSCheck {
        let first = await handshake(address: address, port: port, serverName: serverName)
        guard first.portWentAway else { return .report(TLSJudgement.report(first, expected: expected)) }
        let second = await handshake(address: address, port: port, serverName: serverName)
        if second.refused {
            return .closed("the port closed during the TLS handshake (\(first.error ?? "connection lost"); refused on retry)")
        }
        return .report(TLSJudgement.report(second, expected: expected))
    }

    /// What one handshake attempt saw.
    struct Observation: Sendable {
        var completed = false
        var version: String?
        var certificateDER: [UInt8]?
        /// The first bytes the server sent, undecrypted.
        var firstBytes: [UInt8] = []
        var error: String?
        /// The connect was refused: nothing listens (any more).
        var refused = false
        /// The connection was reset or closed before the handshake ended.
        var interrupted = false

        /// Refused, or cut before the handshake ended: what a port closing under the probe looks like.
        var portWentAway: Bool { refused || (interrupted && !completed) }
    }

    func handshake(address: IPAddress, port: PortNumber, serverName: String?) async -> Observation {
        guard let context else { return Observation(error: "TLS is not available") }
        let socketAddress: NIOCore.SocketAddress
        do {
            socketAddress = try NIOCore.SocketAddress(ipAddress: address.description, port: Int(port.rawValue))
        } catch {
            return Observation(error: "\(error)")
        }
        let sniffer = FirstBytesSniffer()
        let promise = group.next().makePromise(of: Observation.self)
        let hostname = serverName.flatMap { IPAddress($0) == nil ? $0 : nil }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let tls = try NIOSSLClientHandler(context: context, serverHostname: hostname)
                    try channel.pipeline.syncOperations.addHandler(sniffer)
                    try channel.pipeline.syncOperations.addHandler(tls)
                    try channel.pipeline.syncOperations.addHandler(HandshakeWaiter(promise: promise, sniffer: sniffer))
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(to: socketAddress).get()
        } catch {
            promise.fail(error)
            return Observation(error: "connect: \(error)", refused: Self.isRefusal(error))
        }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(ChannelError.connectTimeout(self.timeout))
        }
        var observation: Observation
        do {
            observation = try await promise.futureResult.get()
        } catch {
            observation = Observation(error: TLSJudgement.describe(error), interrupted: Self.isCut(error))
        }
        deadline.cancel()
        observation.firstBytes = (try? await channel.eventLoop.submit { sniffer.bytes }.get()) ?? []
        try? await channel.close().get()
        return observation
    }
}

extension TLSChecker {
    /// True for a connect refused (ECONNREFUSED), however NIO wraps it.
    static func isRefusal(_ error: Error) -> Bool {
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
        if let error = error as? NIOConnectionError { return error.connectionErrors.contains { isRefusal($0.error) } }
        return false
    }

    /// True for a connection the server closed (end of file) or reset.
    static func isCut(_ error: Error) -> Bool {
        if case ChannelError.eof? = error as? ChannelError { return true }
        if let error = error as? IOError { return error.errnoCode == ECONNRESET || error.errnoCode == EPIPE }
        if let error = error as? NIOSSLError, case .uncleanShutdown = error { return true }
        return false
    }
}

/// What a TLS check of a port that may just have changed state found.
public enum TLSCheck: Sendable, Hashable {
    /// The handshake's verdict.
    case report(TLSReport)
    /// The port closed under the probe; the text says how.
    case closed(String)
}

/// Keeps the first bytes the server sends, before the TLS handler decrypts them.
final class FirstBytesSniffer: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    /// Touched only on the channel's event loop.
    var bytes: [UInt8] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if bytes.count < 512 {
            let buffer = unwrapInboundIn(data)
            bytes += buffer.getBytes(at: buffer.readerIndex, length: min(buffer.readableBytes, 512 - bytes.count)) ?? []
        }
        context.fireChannelRead(data)
    }
}

/// Completes the promise when the handshake ends, one way or the other.
final class HandshakeWaiter: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let promise: EventLoopPromise<TLSChecker.Observation>
    let sniffer: FirstBytesSniffer

    init(promise: EventLoopPromise<TLSChecker.Observation>, sniffer: FirstBytesSniffer) {
        self.promise = promise
        self.sniffer = sniffer
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            var observation = TLSChecker.Observation(completed: true)
            if let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self) {
                observation.version = handler.tlsVersion.map(TLSJudgement.name)
                observation.certificateDER = try? handler.peerCertificate?.toDERBytes()
            }
            promise.succeed(observation)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}
