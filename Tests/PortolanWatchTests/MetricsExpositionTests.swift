import Foundation
import PortolanCore
import PortolanTestSupport
import PortolanWatch
import Testing

/// The per-arrow families are written by our own code (swift-prometheus registers series in O(n²)):
/// the text must stay what Prometheus reads, whole or in pieces, for any number of probes.
@Suite struct MetricsExpositionTests {
    /// `count` probes on 10.7.x.y, every fifth closed, every third with a certificate.
    static func results(_ count: Int, label: ArrowLabel = "4") -> [ProbeResult] {
        (0..<count).map { index in
            let address = IPAddress("10.7.\(index / 250).\(index % 250 + 1)")!
            let certificate = index % 3 == 0 ? "fp\(index % 7)" : nil
            let state: PortState = index % 5 == 0 ? .closed : .open
            return WatchMetricsTests.result(label, port: 13000, state, state == .open ? .synAck : .connRefused, certificate: certificate, address: address)
        }
    }

    static func text(_ metrics: WatchMetrics, size: Int) -> [UInt8] {
        var exposition = metrics.exposition()
        var all: [UInt8] = []
        while let piece = exposition.next(size: size) {
            #expect(piece.last == UInt8(ascii: "\n"), "a piece ends with a whole line")
            all += piece
        }
        return all
    }

    @Test func piecesAreWholeLinesAndJoinToTheWholeTextWithEachFamilyInOneGroup() {
        var metrics = WatchMetrics()
        metrics.record(Self.results(600), vantages: [], changes: [], duration: .seconds(1), endedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let whole = metrics.text()
        #expect(Self.text(metrics, size: 100) == whole)
        #expect(Self.text(metrics, size: 1 << 20) == whole)
        let lines = String(decoding: whole, as: UTF8.self).split(separator: "\n")
        // One group per family: once a family's lines end, its name never comes back.
        var finished = Set<String>(), current = ""
        for line in lines where !line.hasPrefix("#") {
            let name = String(line.prefix { $0 != "{" && $0 != " " })
            if name != current {
                #expect(!finished.contains(name), "\(name) appears in two groups")
                finished.insert(current)
                current = name
            }
        }
        #expect(lines.filter { $0.hasPrefix("# TYPE portolan_arrow_state gauge") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("portolan_arrow_up{") }.count == 600)
        #expect(lines.filter { $0.hasPrefix("portolan_arrow_state{") }.count == 600 * WatchMetrics.states.count)
        #expect(lines.filter { $0.hasPrefix("portolan_tls_cert_info{") }.count == 200)
        #expect(lines.filter { $0.hasPrefix("portolan_arrow_up{") && $0.hasSuffix("} 0") }.count == 120)
        #expect(metrics.arrows.count == 600)
    }

    @Test func labelValuesAreEscaped() {
        var metrics = WatchMetrics()
        metrics.record(Self.results(1, label: "a\"b\\c\nd"), vantages: [], changes: [], duration: .seconds(1), endedAt: Date())
        let text = String(decoding: metrics.text(), as: UTF8.self)
        #expect(text.contains(#"arrow="a\"b\\c\nd""#), "\(text)")
    }

    /// A later round replaces the rows: a scrape started before it still reads the earlier round whole.
    @Test func aScrapeInProgressIsNotDisturbedByTheNextRound() {
        var metrics = WatchMetrics()
        metrics.record(Self.results(300), vantages: [], changes: [], duration: .seconds(1), endedAt: Date())
        var exposition = metrics.exposition()
        var first = exposition.next(size: 100) ?? []
        metrics.record(Self.results(10), vantages: [], changes: [], duration: .seconds(1), endedAt: Date())
        while let piece = exposition.next(size: 100) { first += piece }
        let lines = String(decoding: first, as: UTF8.self).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("portolan_arrow_up{") }.count == 300)
        #expect(metrics.arrows.count == 10)
    }

    @Test(.requires("promtool")) func promtoolAcceptsTheText() throws {
        var metrics = WatchMetrics()
        var detector = ArrowChangeDetector()
        let first = Self.results(2_000)
        metrics.record(first, vantages: [VantageStatus(name: "dmz", command: ["true"], state: .up)], changes: detector.changes(in: first, at: Date()),
                       duration: .milliseconds(900), endedAt: Date())
        let second = Self.results(2_000).reversed().map { $0 }
        metrics.record(second, vantages: [], changes: detector.changes(in: second, at: Date()), duration: .milliseconds(900), endedAt: Date())
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-metrics-\(getpid())-\(UUID().uuidString.prefix(8)).txt")
        try Data(metrics.text()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try PortolanProcess.run(["promtool", "check", "metrics"], portolan: false, input: try FileHandle(forReadingFrom: file), timeLimit: 60)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.isEmpty && check.stdout.isEmpty, "promtool's lint: \(check.stdout)\(check.stderr)")
    }
}
