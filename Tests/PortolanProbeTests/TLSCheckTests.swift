import Crypto
import Foundation
import PortolanCore
@testable import PortolanProbe
import Testing

@Suite struct TLSCheckTests {
    let checker = TLSChecker(timeout: .seconds(3))

    @Test func handshakeErrorsReadAsWordsWithoutTheLibrarysSourcePaths() {
        let boring = "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435703 error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at /tmp/x/.build/checkouts/swift-nio-ssl/Sources/CNIOBoringSSL/ssl/tls_record.cc:231]))"
        #expect(TLSJudgement.readable(boring) == "TLS handshake failed: wrong version number")
        #expect(TLSJudgement.readable("odd failure at /src/a.cc:12 here") == "odd failure here")
        #expect(TLSJudgement.readable("plain words") == "plain words")
    }

    @Test func handshakeReportsTheCertificate() async throws {
        let certificate = try TestCertificate(commonName: "ksc.test", names: ["ksc.test", "localhost"], validFor: 10)
        let server = try TLSListener(certificate: certificate)
        let report = await checker.check(address: loopback, port: server.port, serverName: "ksc.test", expected: .yes)
        #expect(report.verdict == .tlsOK)
        #expect(report.version == "TLSv1.3")
        #expect(report.cipher?.hasPrefix("TLS_") == true)
        let info = try #require(report.certificate)
        #expect(info.subject.contains("CN=ksc.test"))
        #expect(info.issuer == info.subject)
        #expect(info.alternativeNames == ["DNS:ksc.test", "DNS:localhost"])
        #expect(info.notAfter == certificate.notAfter)
        #expect(info.sha256 == SHA256.hash(data: certificate.der).map { String(format: "%02x", $0) }.joined())

        // The same port on a plain arrow is unexpected TLS.
        let plain = await checker.check(address: loopback, port: server.port, serverName: nil, expected: .no)
        #expect(plain.verdict == .unexpectedTLS)
    }

    @Test func expiryWarningFromARealHandshake() async throws {
        let certificate = try TestCertificate(commonName: "soon", names: ["soon"], validFor: 3)
        let server = try TLSListener(certificate: certificate)
        let outcomes = await Prober(options: ScanOptions(timeoutCeiling: .seconds(1), retries: 0)).probe([
            ProbeTarget(host: .address(loopback), port: server.port, transport: .tcp, tls: .yes)
        ])
        let result = ProbeResult(arrow: nil, target: ProbeTarget(host: .address(loopback), port: server.port, transport: .tcp, tls: .yes), outcome: outcomes[0])
        #expect(result.outcome.tls?.verdict == .tlsOK)
        let warned = CertificateWarnings.apply(to: [result], now: Date(), days: 30)
        #expect(warned[0].warnings.count == 1)
        #expect(warned[0].warnings.first?.contains("expires on") == true)
        #expect(CertificateWarnings.apply(to: [result], now: Date(), days: 2)[0].warnings.isEmpty)
    }

    @Test func plainPortsAreNotTLS() async throws {
        // A service that greets first (as SMTP or SSH would), and one that answers the hello with text.
        let banner = try ReplyingListener(reply: Array("220 ready\r\n".utf8), read: false)
        let http = try ReplyingListener(reply: Array("HTTP/1.0 400 Bad Request\r\n\r\n".utf8), read: true)
        for port in [banner.port, http.port] {
            let yes = await checker.check(address: loopback, port: port, serverName: nil, expected: .yes)
            #expect(yes.verdict == .notTLS, "\(port)")
            #expect(yes.certificate == nil)
            let no = await checker.check(address: loopback, port: port, serverName: nil, expected: .no)
            #expect(no.verdict == .plainOK, "\(port)")
        }
    }

    @Test func aTLSAlertIsAFailedHandshake() async throws {
        // A server that answers every ClientHello with a fatal handshake_failure alert.
        let alert: [UInt8] = [21, 3, 3, 0, 2, 2, 40]
        let server = try ReplyingListener(reply: alert, read: true)
        let report = await checker.check(address: loopback, port: server.port, serverName: nil, expected: .yes)
        #expect(report.verdict == .handshakeFailed)
        #expect(report.message != nil)
        let plain = await checker.check(address: loopback, port: server.port, serverName: nil, expected: .no)
        #expect(plain.verdict == .unexpectedTLS)
    }

    /// The demo's flap: the scan saw the port open, then it closes while the handshake runs. That is a
    /// closed port, not a TLS problem.
    @Test func aPortThatClosesDuringTheHandshakeIsClosedNotATLSProblem() async throws {
        let server = try ClosingListener()
        let check = await checker.checkAllowingForChange(address: loopback, port: server.port, serverName: nil, expected: .yes)
        guard case let .closed(message) = check else {
            Issue.record("expected closed, got \(check)")
            return
        }
        #expect(message.contains("closed during the TLS handshake"))
        #expect(server.accepted == 1, "one handshake was cut, the retry was refused")
    }

    /// A server that really closes every connection without a word is still judged on what it does.
    @Test func aServerThatAlwaysHangsUpIsStillNotTLS() async throws {
        let server = try ReplyingListener(reply: [], read: true)
        let check = await checker.checkAllowingForChange(address: loopback, port: server.port, serverName: nil, expected: .yes)
        guard case let .report(report) = check else {
            Issue.record("expected a report, got \(check)")
            return
        }
        #expect(report.verdict == .notTLS)
    }

    @Test func serverHelloCipherIsRead() {
        var hello: [UInt8] = [22, 3, 3, 0, 80, 2, 0, 0, 76, 3, 3] + Array(repeating: 7, count: 32)
        hello += [3, 1, 2, 3] + [0x13, 0x02]
        #expect(TLSJudgement.serverHelloCipher(hello) == 0x1302)
        #expect(TLSJudgement.cipherName(0x1302) == "TLS_AES_256_GCM_SHA384")
        #expect(TLSJudgement.cipherName(0xABCD) == "0xABCD")
        #expect(TLSJudgement.serverHelloCipher(Array("HTTP/1.0 200 OK\r\n".utf8)) == nil)
    }
}
