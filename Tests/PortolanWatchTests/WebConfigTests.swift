import Foundation
import PortolanCore
import PortolanWatch
import Testing

/// The exporter web-config file: TLS files, bcrypt users, and errors that point at the line.
@Suite struct WebConfigTests {
    @Test func bcryptHashesFromHtpasswdAndOthersVerify() {
        // $2b$ as made here, and the same hash under htpasswd's $2y$ name.
        let hash = PasswordHash.make("s3cret", cost: 4)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(PasswordHash.isBcrypt(hash))
        #expect(PasswordHash.verify("s3cret", hash: hash))
        #expect(!PasswordHash.verify("s3cret!", hash: hash))
        let htpasswd = "$2y$" + hash.dropFirst(4)
        #expect(PasswordHash.verify("s3cret", hash: htpasswd))
        #expect(!PasswordHash.verify("wrong", hash: htpasswd))
        // OpenBSD's published vector.
        #expect(PasswordHash.verify("U*U", hash: "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
        #expect(!PasswordHash.isBcrypt("plain-text-password"))
        #expect(!PasswordHash.verify("plain-text-password", hash: "plain-text-password"))
    }

    @Test func readsUsersAndResolvesTLSFilesBesideTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-webconfig-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "cert".write(to: folder.appendingPathComponent("server.crt"), atomically: true, encoding: .utf8)
        try "key".write(to: folder.appendingPathComponent("server.key"), atomically: true, encoding: .utf8)
        let hash = PasswordHash.make("pw", cost: 4)
        let file = folder.appendingPathComponent("web.yml").path
        let config = try WebConfig.read("""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              min_version: TLS13
            basic_auth_users:
              prometheus: \(hash)
            """, file: file)
        #expect(config.users == ["prometheus": hash])
        #expect(config.tls?.certificateFile == folder.appendingPathComponent("server.crt").path)
        #expect(config.tls?.minimumVersion == .tlsv13)
    }

    @Test func mistakesNameFileLineAndColumn() {
        let cases: [(String, String)] = [
            ("basic_auth_user:\n  a: b\n", "web.yml:1:1: unknown key 'basic_auth_user' in the web-config file (did you mean 'basic_auth_users'?)"),
            ("basic_auth_users:\n  alice: hunter2\n", "web.yml:2:10: the password of 'alice' is not a bcrypt hash (make one with: htpasswd -nBC 10 alice)"),
            ("tls_server_config:\n  cert_file: /nonexistent/server.crt\n  key_file: /nonexistent/k\n", "web.yml:2:14: cert_file '/nonexistent/server.crt' does not exist"),
        ]
        for (text, message) in cases {
            #expect(throws: LocatedError.self) { try WebConfig.read(text, file: "web.yml") }
            do {
                _ = try WebConfig.read(text, file: "web.yml")
            } catch {
                #expect("\(error)" == message)
            }
        }
    }

    /// The file is read as every other input file is (`TextFile`): a missing file, a folder and bytes
    /// that are not UTF-8 are named with the path (and line:col), not as a Foundation error.
    @Test func fileErrorsComeFromTheSharedTextFileReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-webconfig-file-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func message(_ path: String) -> String? {
            do {
                _ = try WebConfig.read(file: path)
                return nil
            } catch {
                return "\(error)"
            }
        }
        let missing = folder.appendingPathComponent("missing.yml").path
        #expect(message(missing) == "\(missing): no such web-config file")
        #expect(message(folder.path) == "\(folder.path): is a folder, not a file")
        let latin1 = folder.appendingPathComponent("latin1.yml")
        try Data(Array("basic_auth_users:\n  j".utf8) + [0xE9] + Array("r: x\n".utf8)).write(to: latin1)
        #expect(message(latin1.path) == "\(latin1.path):2:4: the file is not UTF-8 text (byte 0xE9 here) (save it as UTF-8)")
        let good = folder.appendingPathComponent("web.yml")
        let hash = PasswordHash.make("pw", cost: 4)
        try "basic_auth_users:\n  prometheus: \(hash)\n".write(to: good, atomically: true, encoding: .utf8)
        #expect(try WebConfig.read(file: good.path).users == ["prometheus": hash])
    }

    @Test func listenAddressesAreParsedOrRefusedWithTheReason() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:9470").description == "127.0.0.1:9470")
        #expect(try ListenAddress(parsing: "[::1]:0").description == "[::1]:0")
        #expect(try ListenAddress(parsing: ":9100").description == "127.0.0.1:9100")
        #expect(throws: ListenAddress.Invalid.self) { try ListenAddress(parsing: "localhost:9470") }
        #expect(throws: ListenAddress.Invalid.self) { try ListenAddress(parsing: "127.0.0.1:70000") }
        #expect(throws: ListenAddress.Invalid.self) { try ListenAddress(parsing: "127.0.0.1") }
    }
}
