import Crypto
import Foundation
import NIOCore
import NIOSSL
import PortolanCore
import X509

/// Turns a handshake observation into a verdict and the certificate's details.
enum TLSJudgement {
    /// The verdict for what was seen, given what the documents say.
    ///
    /// A completed handshake is `tls-ok` (or `unexpected-tls` on a plain arrow). A failed one counts as
    /// TLS when the server's first bytes are a TLS record (handshake or alert): `handshake-failed`
    /// (or `unexpected-tls`); anything else (other bytes, a close, silence) is `not-tls` (or `plain-ok`).
    static func report(_ observation: TLSChecker.Observation, expected: TLSExpectation) -> TLSReport {
        let spokeTLS = observation.completed || isTLSRecord(observation.firstBytes)
        let verdict: TLSVerdict
        switch (expected, observation.completed, spokeTLS) {
        case (.no, _, true): verdict = .unexpectedTLS
        case (.no, _, false): verdict = .plainOK
        case (_, true, _): verdict = .tlsOK
        case (_, false, true): verdict = .handshakeFailed
        case (_, false, false): verdict = .notTLS
        }
        var report = TLSReport(expected: expected, verdict: verdict, version: observation.version)
        report.cipher = serverHelloCipher(observation.firstBytes).map(cipherName)
        if let der = observation.certificateDER { report.certificate = certificateInfo(der) }
        if !observation.completed { report.message = observation.error }
        return report
    }

    /// True when `bytes` start with a TLS record header: content type handshake (22) or alert (21), version 3.x.
    static func isTLSRecord(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && (bytes[0] == 22 || bytes[0] == 21) && bytes[1] == 3 && bytes[2] <= 4
    }

    /// The cipher suite a ServerHello (the server's first, plaintext record) selects.
    static func serverHelloCipher(_ bytes: [UInt8]) -> UInt16? {
        // record header (5) · handshake type 2 + length (4) · legacy version (2) · random (32) · session id
        guard bytes.count > 43, bytes[0] == 22, bytes[5] == 2 else { return nil }
        let at = 44 + Int(bytes[43])
        guard bytes.count >= at + 2 else { return nil }
        return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    /// IANA names of the suites a modern server picks; others as hex.
    static func cipherName(_ value: UInt16) -> String {
        let names: [UInt16: String] = [
            0x1301: "TLS_AES_128_GCM_SHA256", 0x1302: "TLS_AES_256_GCM_SHA384", 0x1303: "TLS_CHACHA20_POLY1305_SHA256",
            0xC02B: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02C: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            0xC02F: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC030: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            0xCCA8: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            0xC013: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC014: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            0x009C: "TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009D: "TLS_RSA_WITH_AES_256_GCM_SHA384",
            0x002F: "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0035: "TLS_RSA_WITH_AES_256_CBC_SHA",
        ]
        return names[value] ?? String(format: "0x%04X", value)
    }

    static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLSv1.0"
        case .tlsv11: "TLSv1.1"
        case .tlsv12: "TLSv1.2"
        case .tlsv13: "TLSv1.3"
        }
    }

    /// Subject, issuer, SANs, notAfter and SHA-256 of a DER certificate; `nil` if it does not parse.
    static func certificateInfo(_ der: [UInt8]) -> CertificateInfo? {
        guard let certificate = try? Certificate(derEncoded: der) else { return nil }
        var names: [String] = []
        if let alternatives = try? certificate.extensions.subjectAlternativeNames {
            for name in alternatives {
                switch name {
                case let .dnsName(dns): names.append("DNS:\(dns)")
                case let .ipAddress(octets):
                    let bytes = Array(octets.bytes)
                    if bytes.count == 4 {
                        names.append("IP:" + IPAddress.v4(bytes.reduce(0) { $0 << 8 | UInt32($1) }).description)
                    } else if bytes.count == 16 {
                        names.append("IP:" + IPAddress.v6(bytes).description)
                    }
                case let .rfc822Name(mail): names.append("email:\(mail)")
                case let .uniformResourceIdentifier(uri): names.append("URI:\(uri)")
                default: continue
                }
            }
        }
        let digest = SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
        return CertificateInfo(
            subject: certificate.subject.description, issuer: certificate.issuer.description,
            alternativeNames: names, notAfter: certificate.notValidAfter, sha256: digest)
    }

    /// A short message for a handshake error: BoringSSL's reason codes in words, without the library's
    /// source paths (`… at /build/…/tls_record.cc:231`), which mean nothing to the reader.
    static func describe(_ error: Error) -> String {
        switch error {
        case let error as NIOSSLError: readable("\(error)")
        case ChannelError.eof: "the server closed the connection"
        case ChannelError.connectTimeout: "no TLS answer within the timeout"
        default: readable("\(error)")
        }
    }

    /// `…OPENSSL_internal:WRONG_VERSION_NUMBER at /x/y.cc:1…` → `TLS handshake failed: wrong version number`.
    static func readable(_ text: String) -> String {
        let reasons = text.matches(of: /OPENSSL_internal:([A-Z0-9_]+)/).map { String($0.output.1).replacingOccurrences(of: "_", with: " ").lowercased() }
        if !reasons.isEmpty {
            var seen = Set<String>()
            return "TLS handshake failed: " + reasons.filter { seen.insert($0).inserted }.joined(separator: "; ")
        }
        return text.replacing(#/\s+at\s+\/[^\s\])]+:\d+/#, with: "")
    }
}
