import Foundation
import PortolanCore

/// Probes targets: resolves names, scans TCP and UDP on raw sockets, then checks TLS on open TCP
/// ports of arrows that the documents mark TLS yes or no.
public struct Prober: Sendable {
    public var options: ScanOptions
    /// The most a TLS connect plus handshake may take.
    public var tlsTimeout: Duration
    /// TLS handshakes at once.
    public var tlsConcurrency: Int

    public init(options: ScanOptions = ScanOptions(), tlsTimeout: Duration = .seconds(2), tlsConcurrency: Int = 32) {
        self.options = options
        self.tlsTimeout = tlsTimeout
        self.tlsConcurrency = tlsConcurrency
    }

    /// One outcome per target, in order.
    public func probe(_ targets: [ProbeTarget]) async -> [ProbeOutcome] {
        var outcomes = [ProbeOutcome?](repeating: nil, count: targets.count)
        var resolved: [TargetHost: Result<IPAddress, ResolveFailure>] = [:]
        var scanTargets: [ScanTarget] = []
        var scanIndex: [Int] = []
        scanTargets.reserveCapacity(targets.count)
        scanIndex.reserveCapacity(targets.count)
        for (index, target) in targets.enumerated() {
            let result: Result<IPAddress, ResolveFailure>
            if case let .address(address) = target.host {
                result = .success(address)
            } else {
                result = resolved[target.host] ?? HostResolver.resolve(target.host)
                resolved[target.host] = result
            }
            switch result {
            case let .success(address):
                scanTargets.append(ScanTarget(address: address, port: target.port, transport: target.transport))
                scanIndex.append(index)
            case let .failure(failure):
                outcomes[index] = ProbeOutcome(address: nil, state: .unresolved, reason: .dnsFailure, message: failure.message)
            }
        }
        let scanned = await Self.scanOffPool(scanTargets, options: options)
        scanTargets = []
        if scanned.count == targets.count {
            outcomes = []  // everything was scanned, in order: no merging needed
        } else {
            for (position, outcome) in scanned.enumerated() { outcomes[scanIndex[position]] = outcome }
        }
        var final = outcomes.isEmpty ? scanned : outcomes.enumerated().map { index, outcome in
            outcome ?? ProbeOutcome(address: nil, state: .error, reason: .systemError, message: "not probed: \(targets[index].host)")
        }
        outcomes = []

        let checks = targets.indices.filter { index in
            targets[index].transport == .tcp && (targets[index].tls == .yes || targets[index].tls == .no)
                && final[index].state == .open
        }
        if !checks.isEmpty {
            let checker = TLSChecker(timeout: tlsTimeout)
            var next = 0
            await withTaskGroup(of: (Int, TLSCheck).self) { group in
                func add() {
                    guard next < checks.count else { return }
                    let index = checks[next]
                    next += 1
                    let target = targets[index]
                    guard let address = final[index].address else { return }
                    let name: String? = if case let .name(name) = target.host { name } else { nil }
                    group.addTask {
                        (index, await checker.checkAllowingForChange(address: address, port: target.port, serverName: name, expected: target.tls))
                    }
                }
                for _ in 0..<max(1, tlsConcurrency) { add() }
                while let (index, check) = await group.next() {
                    switch check {
                    case let .report(report):
                        final[index].tls = report
                    case let .closed(message):
                        // The scan saw it open a moment ago; it is closed now (a flapping port), not a TLS problem.
                        final[index].state = .closed
                        final[index].reason = .connRefused
                        final[index].message = message
                    }
                    add()
                }
            }
        }
        return final
    }

    /// Runs the blocking epoll scan on its own thread, so the cooperative pool stays free.
    static func scanOffPool(_ targets: [ScanTarget], options: ScanOptions) async -> [ProbeOutcome] {
        guard !targets.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: SocketScanner(options: options).scan(targets))
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
