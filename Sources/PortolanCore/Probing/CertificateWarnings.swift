import Foundation

/// Warnings drawn from a round's TLS reports: certificates about to expire, and servers whose
/// agent port (13000) and mobile port (13291) present different certificates.
public enum CertificateWarnings {
    /// The ports that one Administration Server serves with the same certificate.
    public static let pairedPorts: (PortNumber, PortNumber) = (PortNumber(known: 13000), PortNumber(known: 13291))

    /// `results` with warnings added.
    ///
    /// - Parameters:
    ///   - now: the time to measure expiry from (injected, so tests need no clock).
    ///   - days: warn when a certificate's notAfter is less than this many days away (or past).
    public static func apply(to results: [ProbeResult], now: Date, days: Int) -> [ProbeResult] {
        var results = results
        var byServer: [String: [PortNumber: (index: Int, sha256: String)]] = [:]
        for index in results.indices {
            let result = results[index]
            guard let certificate = result.outcome.tls?.certificate else { continue }
            let remaining = certificate.notAfter.timeIntervalSince(now)
            let place = "\(result.target.host):\(result.target.port)"
            if remaining < 0 {
                results[index].warnings.append("certificate of \(place) expired on \(day(certificate.notAfter))")
            } else if remaining < Double(days) * 86_400 {
                let left = Int(remaining / 86_400)
                results[index].warnings.append("certificate of \(place) expires on \(day(certificate.notAfter)) (in \(left) day\(left == 1 ? "" : "s"))")
            }
            let server = result.outcome.address?.description ?? result.target.host.description
            byServer[server, default: [:]][result.target.port] = (index, certificate.sha256)
        }
        for (server, ports) in byServer {
            guard let first = ports[pairedPorts.0], let second = ports[pairedPorts.1], first.sha256 != second.sha256 else { continue }
            let message = "\(server) presents different certificates on \(pairedPorts.0) and \(pairedPorts.1)"
            for index in Set([first.index, second.index]) where !results[index].warnings.contains(message) {
                results[index].warnings.append(message)
            }
        }
        return results
    }

    private static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
