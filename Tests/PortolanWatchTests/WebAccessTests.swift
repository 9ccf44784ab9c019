import Crypto
import Foundation
import NIOSSL
import PortolanTestSupport
import PortolanWatch
import Testing
import X509

/// The endpoint behind the web-config file: TLS with the given certificate, basic auth with bcrypt users.
@Suite struct WebAccessTests {
    @Test func wrongOrMissingCredentialsGet401OverTLSAndTheRightOnesGetIn() async throws {
        let site = try await WatchSite(address: "127.0.3.15")
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("portolan watch test") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey), notValidBefore: Date().addingTimeInterval(-60),
            notValidAfter: Date().addingTimeInterval(3600), issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { SubjectAlternativeNames([.dnsName("localhost")]) },
            issuerPrivateKey: .init(key))
        try certificate.serializeAsPEM().pemString.write(toFile: site.path("server.crt"), atomically: true, encoding: .utf8)
        try key.pemRepresentation.write(toFile: site.path("server.key"), atomically: true, encoding: .utf8)
        let hash = "$2y$" + PasswordHash.make("correct horse", cost: 5).dropFirst(4)
        try """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            basic_auth_users:
              prometheus: \(hash)
            """.write(toFile: site.path("web.yml"), atomically: true, encoding: .utf8)
        let watch = try BackgroundProcess(["watch", site.topology, "--listen", "127.0.3.15:0", "--interval", "5", "--web-config", site.path("web.yml")])
        let url = try await listeningURL(watch)
        #expect(url.hasPrefix("https://127.0.3.15:"))
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let port = url.split(separator: ":").last.map(String.init) ?? ""

        let anonymous = try WatchClient(url: url, tls: tls)
        #expect(try await anonymous.fetch("/metrics").status == 401)
        #expect(try await anonymous.fetch("/metrics").headers["www-authenticate"] == "Basic realm=\"portolan\"")
        #expect(try await anonymous.fetch("/healthz").status == 200)
        let wrong = try WatchClient(url: "https://prometheus:wrong@127.0.3.15:\(port)", tls: tls)
        #expect(try await wrong.fetch("/metrics").status == 401)
        #expect(try await wrong.fetch("/api/v1/state").status == 401)
        let stranger = try WatchClient(url: "https://grafana:correct%20horse@127.0.3.15:\(port)", tls: tls)
        #expect(try await stranger.fetch("/metrics").status == 401)
        let right = try WatchClient(url: "https://prometheus:correct%20horse@127.0.3.15:\(port)", tls: tls)
        let metrics = try await right.fetch("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("portolan_rounds_total"))

        // Plain HTTP to the TLS port gets no HTTP answer.
        let plain = try WatchClient(url: "http://127.0.3.15:\(port)")
        let refused = await #expect(throws: WatchClient.Failure.self) { _ = try await plain.fetch("/healthz") }
        #expect(refused?.message.contains("no complete answer") == false, "refused at once, not timed out: \(refused?.message ?? "")")
        watch.send(SIGTERM)
        #expect(await watch.waitForExit() == 0)
        await site.close()
    }
}
