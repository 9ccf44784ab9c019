import Crypto
import Foundation
import Hummingbird
import NIOPosix

/// Lets a request through only with the HTTP basic-auth credentials of a user of the web-config file;
/// anything else gets 401 with a `WWW-Authenticate` challenge. `/healthz` stays open for liveness checks.
///
/// bcrypt is slow on purpose, so a check runs on NIO's thread pool, and credentials that passed are
/// remembered by their SHA-256 (with the hash they matched) so a scrape every few seconds costs one check.
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let users: [String: String]
    let accepted = AcceptedCredentials()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        guard let header = request.headers[.authorization], await allowed(header) else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Basic realm=\"portolan\""
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .unauthorized, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "401 Unauthorized\n")))
        }
        return try await next(request, context)
    }

    private func allowed(_ header: String) async -> Bool {
        guard header.lowercased().hasPrefix("basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return false }
        let user = String(text[..<colon])
        let password = String(text[text.index(after: colon)...])
        guard let hash = users[user] else { return false }
        let fingerprint = Data(SHA256.hash(data: Data((hash + "\u{0}" + user + "\u{0}" + password).utf8)))
        if await accepted.contains(fingerprint) { return true }
        let matches = (try? await NIOThreadPool.singleton.runIfActive { PasswordHash.verify(password, hash: hash) }) ?? false
        if matches { await accepted.insert(fingerprint) }
        return matches
    }
}

/// Credentials that passed a bcrypt check, by fingerprint; at most `limit`, the oldest dropped first.
actor AcceptedCredentials {
    static let limit = 64
    private var order: [Data] = []
    private var known: Set<Data> = []

    func contains(_ fingerprint: Data) -> Bool { known.contains(fingerprint) }

    func insert(_ fingerprint: Data) {
        guard known.insert(fingerprint).inserted else { return }
        order.append(fingerprint)
        if order.count > Self.limit { known.remove(order.removeFirst()) }
    }
}
