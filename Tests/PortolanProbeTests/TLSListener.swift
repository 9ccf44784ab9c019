import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PortolanCore
import X509

/// A self-signed certificate made in the test, with its key.
struct TestCertificate {
    let der: [UInt8]
    let certificate: NIOSSLCertificate
    let key: NIOSSLPrivateKey
    let notAfter: Date

    init(commonName: String, names: [String], validFor days: Double) throws {
        let privateKey = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName); OrganizationName("portolan tests") }
        let now = Date()
        // DER time has whole seconds.
        notAfter = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + days * 86_400).rounded(.down))
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(privateKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: notAfter, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { SubjectAlternativeNames(names.map { GeneralName.dnsName($0) }) },
            issuerPrivateKey: .init(privateKey))
        let pem = try certificate.serializeAsPEM().pemString
        self.certificate = try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem)
        der = try self.certificate.toDERBytes()
        key = try NIOSSLPrivateKey(bytes: Array(privateKey.pemRepresentation.utf8), format: .pem)
    }
}

/// A TLS server on 127.0.0.1 that completes handshakes and sends nothing.
final class TLSListener: @unchecked Sendable {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let channel: Channel
    let port: PortNumber

    init(certificate: TestCertificate, host: String = "127.0.0.1", port requested: Int = 0) throws {
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(certificate.certificate)], privateKey: .privateKey(certificate.key))
        let context = try NIOSSLContext(configuration: configuration)
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                }
            }
            .bind(host: host, port: requested).wait()
        port = try requireValue(channel.localAddress?.port.flatMap { PortNumber($0) }, "port")
    }

    deinit {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}
