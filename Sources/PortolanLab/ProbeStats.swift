import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall time, probes per second and peak resident memory of a round, for `--stats`.
public struct ProbeStats: Sendable {
    public var count: Int
    /// From reading the input to the last line written.
    public var elapsed: Duration
    /// Resolving, scanning and TLS checks only.
    public var probing: Duration
    public var output: Duration

    public init(count: Int, elapsed: Duration, probing: Duration, output: Duration) {
        self.count = count
        self.elapsed = elapsed
        self.probing = probing
        self.output = output
    }

    public var line: String {
        func seconds(_ duration: Duration) -> Double { duration.milliseconds / 1000 }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peak = Double(usage.ru_maxrss) / 1024
        return String(
            format: "probes %d  wall %.3f s  probes/s %.0f  peak RSS %.1f MiB  (probing %.3f s, output %.3f s)\n", count,
            seconds(elapsed), Double(count) / max(seconds(elapsed), 1e-9), peak, seconds(probing), seconds(output))
    }
}
