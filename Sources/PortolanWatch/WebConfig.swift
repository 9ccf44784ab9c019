import Foundation
import NIOSSL
import PortolanCore

/// The exporter web-config file that Prometheus's exporters read (`--web.config.file`): TLS for the
/// endpoint and users allowed in with HTTP basic auth, their passwords as bcrypt hashes.
///
/// ```yaml
/// tls_server_config:
///   cert_file: server.crt          # paths relative to this file
///   key_file: server.key
///   client_auth_type: RequireAndVerifyClientCert   # optional, with client_ca_file
///   client_ca_file: clients.pem
///   min_version: TLS12             # TLS12 (default) or TLS13
/// basic_auth_users:
///   prometheus: $2y$10$…           # htpasswd -nBC 10 prometheus
/// ```
public struct WebConfig: Sendable {
    /// Certificate and key files, already resolved against the file's folder.
    public struct TLS: Sendable, Hashable {
        public var certificateFile: String
        public var keyFile: String
        public var clientCAFile: String?
        public var requireClientCertificate: Bool
        public var minimumVersion: TLSVersion
    }

    public var tls: TLS?
    /// User name → bcrypt hash.
    public var users: [String: String]

    public init(tls: TLS? = nil, users: [String: String] = [:]) {
        self.tls = tls
        self.users = users
    }

    /// Reads a web-config file.
    ///
    /// - Throws: `LocatedError` naming `file:line:col` for an unknown key, a missing value, a hash that
    ///   is not bcrypt, or a certificate or key file that does not exist; and, as every input file
    ///   (`TextFile`), for a missing file, a folder, an unreadable file or bytes that are not UTF-8.
    public static func read(file path: String) throws -> WebConfig {
        try read(try TextFile.read(path, what: "web-config file"), file: path)
    }

    /// Reads web-config text; relative paths are taken from `file`'s folder.
    public static func read(_ text: String, file: String) throws -> WebConfig {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let root = try YAMLNode.parse(text, file: file).mapping("the web-config file")
        try root.rejectUnknownKeys(["tls_server_config", "basic_auth_users", "http_server_config"])
        var config = WebConfig()
        if let node = root["tls_server_config"] {
            let tls = try node.mapping("tls_server_config")
            try tls.rejectUnknownKeys(["cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version"])
            func path(_ key: String) throws -> String? {
                guard let value = tls[key] else { return nil }
                let text = try value.string(key)
                let resolved = text.hasPrefix("/") ? text : folder.appendingPathComponent(text).path
                guard FileManager.default.fileExists(atPath: resolved) else { throw value.error("\(key) '\(text)' does not exist") }
                return resolved
            }
            guard let certificate = try path("cert_file") else { throw LocatedError(at: tls.location, "tls_server_config needs 'cert_file'") }
            guard let key = try path("key_file") else { throw LocatedError(at: tls.location, "tls_server_config needs 'key_file'") }
            let caFile = try path("client_ca_file")
            var require = false
            if let node = tls["client_auth_type"] {
                switch try node.string("client_auth_type") {
                case "NoClientCert": require = false
                case "RequireAndVerifyClientCert": require = true
                case let other:
                    throw node.error("unsupported client_auth_type '\(other)'", hint: "expected NoClientCert or RequireAndVerifyClientCert")
                }
            }
            if require, caFile == nil { throw LocatedError(at: tls.location, "RequireAndVerifyClientCert needs 'client_ca_file'") }
            var minimum = TLSVersion.tlsv12
            if let node = tls["min_version"] {
                switch try node.string("min_version") {
                case "TLS12": minimum = .tlsv12
                case "TLS13": minimum = .tlsv13
                case let other: throw node.error("unsupported min_version '\(other)'", hint: "expected TLS12 or TLS13")
                }
            }
            config.tls = TLS(certificateFile: certificate, keyFile: key, clientCAFile: caFile, requireClientCertificate: require, minimumVersion: minimum)
        }
        if let node = root["basic_auth_users"] {
            for entry in try node.mapping("basic_auth_users").entries {
                let hash = try entry.value.string("the password hash of '\(entry.key)'")
                guard PasswordHash.isBcrypt(hash) else {
                    throw entry.value.error(
                        "the password of '\(entry.key)' is not a bcrypt hash", hint: "make one with: htpasswd -nBC 10 \(entry.key)")
                }
                config.users[entry.key] = hash
            }
        }
        return config
    }

    /// The NIOSSL server configuration for `tls`.
    ///
    /// - Throws: `LocatedError` naming the file when a certificate or key does not load.
    public static func serverConfiguration(_ tls: TLS) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tls.certificateFile)
        } catch {
            throw LocatedError(file: tls.certificateFile, "cannot load the certificate: \(error)", hint: "expected PEM")
        }
        do {
            key = try NIOSSLPrivateKey(file: tls.keyFile, format: .pem)
        } catch {
            throw LocatedError(file: tls.keyFile, "cannot load the private key: \(error)", hint: "expected PEM")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = tls.minimumVersion
        if let ca = tls.clientCAFile {
            configuration.trustRoots = .file(ca)
            configuration.certificateVerification = tls.requireClientCertificate ? .noHostnameVerification : .none
        }
        return configuration
    }
}
