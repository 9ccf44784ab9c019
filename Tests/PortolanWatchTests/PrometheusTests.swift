import Foundation
import PortolanCore
import PortolanTestSupport
import PortolanWatch
import Testing

/// Debian's `prometheus` and `promtool` (installed by `.ci/run`) against a real `portolan watch` and the
/// alert rules of examples/prometheus. Missing tools skip these tests, except under CI, where they fail.
@Suite(.requires("prometheus", "promtool"))
struct PrometheusTests {
    static let examples = PortolanProcess.packageRoot.appendingPathComponent("examples/prometheus")

    @Test func theExampleRulesPassTheirUnitTestsAndTheConfigIsValid() throws {
        let check = try PortolanProcess.run(["promtool", "check", "rules", Self.examples.appendingPathComponent("portolan-alerts.yml").path], portolan: false, timeLimit: 60)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let test = try PortolanProcess.run(["promtool", "test", "rules", Self.examples.appendingPathComponent("portolan-alerts.test.yml").path], portolan: false, timeLimit: 60)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        let config = try PortolanProcess.run(["promtool", "check", "config", Self.examples.appendingPathComponent("prometheus.yml").path], portolan: false, timeLimit: 60)
        #expect(config.status == 0, "\(config.stdout)\(config.stderr)")
    }

    /// A watcher of mimics on 127.0.3.51 (arrow 3's port closed on purpose), scraped every second by a
    /// Prometheus on the same address that evaluates the example rules with their `for:` shortened.
    @Test func prometheusScrapesTheWatcherAndTheAlertForTheClosedArrowFires() async throws {
        let site = try await WatchSite(address: "127.0.3.51", closedOnPurpose: true)
        let watch = try BackgroundProcess(["watch", site.topology, "--listen", "127.0.3.51:0", "--interval", "0.5"])
        let url = try await listeningURL(watch)
        let target = String(url.dropFirst("http://".count))

        let rules = try String(contentsOf: Self.examples.appendingPathComponent("portolan-alerts.yml"), encoding: .utf8)
            .replacingOccurrences(of: #"for: \d+m"#, with: "for: 2s", options: .regularExpression)
        try rules.write(toFile: site.path("rules.yml"), atomically: true, encoding: .utf8)
        try """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [rules.yml]
            scrape_configs:
              - job_name: portolan
                static_configs: [{targets: ["\(target)"]}]

            """.write(toFile: site.path("prometheus.yml"), atomically: true, encoding: .utf8)
        let port = try freePort(tcp: true)
        let prometheus = try BackgroundProcess(
            [
                "prometheus", "--config.file=\(site.path("prometheus.yml"))", "--storage.tsdb.path=\(site.path("data"))",
                "--web.listen-address=127.0.3.51:\(port)", "--log.level=warn",
            ], portolan: false)
        let api = try WatchClient(url: "http://127.0.3.51:\(port)")

        // Two scrapes of both arrows: 1 for the open one, 0 for the closed one.
        let scraped = try await eventually(seconds: 30) { () -> [String: String]? in
            guard let series = try? await Self.query(api, "count_over_time(portolan_arrow_up[1m])"),
                series.count == 2, series.values.allSatisfy({ (Int($0) ?? 0) >= 2 })
            else { return nil }
            return try await Self.query(api, "portolan_arrow_up")
        }
        #expect(scraped == ["2": "1", "3": "0"], "watcher: \(watch.stderr)\nprometheus: \(prometheus.stderr)")

        let firing = try await eventually(seconds: 30) { () -> [String]? in
            let reply = try await api.fetch("/api/v1/alerts")
            let root = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
            let alerts = ((root?["data"] as? [String: Any])?["alerts"] as? [[String: Any]]) ?? []
            let arrows = alerts.compactMap { alert -> String? in
                let labels = alert["labels"] as? [String: String] ?? [:]
                guard labels["alertname"] == "PortolanArrowNotAsDocumented", alert["state"] as? String == "firing" else { return nil }
                return labels["arrow"]
            }
            return arrows.isEmpty ? nil : arrows
        }
        #expect(firing == ["3"], "prometheus: \(prometheus.stderr)")

        prometheus.send(SIGTERM)
        watch.send(SIGTERM)
        #expect(await prometheus.waitForExit(seconds: 30) != nil)
        #expect(await watch.waitForExit() == 0)
        await site.close()
    }

    /// An instant query's vector, as arrow label → value.
    static func query(_ api: WatchClient, _ expression: String) async throws -> [String: String] {
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? expression
        let reply = try await api.fetch("/api/v1/query?query=\(encoded)")
        let root = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        let result = ((root?["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        var values: [String: String] = [:]
        for series in result {
            let metric = series["metric"] as? [String: String] ?? [:]
            let value = series["value"] as? [Any] ?? []
            if let arrow = metric["arrow"], value.count == 2, let text = value[1] as? String { values[arrow] = text }
        }
        return values
    }
}
