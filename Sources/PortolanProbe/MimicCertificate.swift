import Crypto
import Foundation
import NIOSSL
import X509

/// The self-signed certificate a mimic's TLS listeners present, made in memory when first needed.
enum MimicCertificate {
    /// Why the certificate could not be made.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// A TLS server context with a fresh P-256 key and a certificate valid for a year.
    ///
    /// - Throws: `Failure` if the certificate cannot be made or loaded.
    static func serverContext() throws -> NIOSSLContext {
        do {
            let key = P256.Signing.PrivateKey()
            let name = try DistinguishedName {
                CommonName("portolan mimic")
                OrganizationName("portolan (self-signed, for tests)")
            }
            let now = Date()
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(365 * 86_400),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    SubjectAlternativeNames([.dnsName("localhost")])
                },
                issuerPrivateKey: .init(key))
            let pem = try certificate.serializeAsPEM().pemString
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)))
            return try NIOSSLContext(configuration: configuration)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "cannot make the self-signed certificate: \(error)")
        }
    }
}
