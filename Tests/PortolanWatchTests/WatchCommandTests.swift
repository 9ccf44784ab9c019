import Foundation
import PortolanCore
import PortolanTestSupport
import PortolanWatch
import Testing

/// `portolan watch` run as a user would: HTTP endpoints, events, signals. Each test has its own
/// loopback address (127.0.3.x) and ports the system picked.
@Suite struct WatchCommandTests {
    @Test func servesStateMetricsAndEventsThenStopsOnSIGTERM() async throws {
        let site = try await WatchSite(address: "127.0.3.11")
        let eventsFile = site.path("events.jsonl")
        let watch = try BackgroundProcess(["watch", site.topology, "--listen", "127.0.3.11:0", "--interval", "0.3", "--events", eventsFile])
        let url = try await listeningURL(watch)
        let client = try WatchClient(url: url)
        #expect(try await client.fetch("/healthz").status == 200)

        // The latest round, as `probe --json` prints it: both arrows as documented.
        let state = try await eventually { () -> WatchClient.Reply? in
            let reply = try await client.fetch("/api/v1/state")
            return reply.status == 200 ? reply : nil
        }
        let report = try JSONDecoder().decode(ProbeReportJSON.self, from: Data(try #require(state).body))
        #expect(report.topology == "watch-test")
        #expect(report.results.map(\.label) == ["2", "3"])
        #expect(report.results.allSatisfy { $0.expected })

        let metrics = try await client.fetch("/metrics")
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(metrics.text.contains(#"portolan_arrow_up{schema="ksc13-server-agent",arrow="3",from="client",to="admin-server",host="127.0.3.11",address="127.0.3.11",port="\#(site.plain.port)",protocol="tcp",vantage="here"} 1"#))

        // An event stream open, then arrow 3's port closes: the change arrives on the stream and in the file.
        let received = StreamText()
        let stream = Task {
            try await client.stream("/api/v1/events") { part in
                if case let .body(bytes) = part { await received.append(bytes) }
                return !(await received.text.contains("\"new\":\"closed\""))
            }
        }
        let opened = try await eventually { await received.text.contains(": portolan watch events") ? true : nil }
        #expect(opened == true)
        await site.mimic.close(site.plain)
        let streamed = try await eventually(seconds: 30) { await received.text.contains("\"new\":\"closed\"") ? true : nil }
        stream.cancel()
        let text = await received.text
        #expect(streamed == true, "stream: \(text)\nwatcher: \(watch.stderr.suffix(3000))")
        #expect(text.contains("event: change\ndata: {"))
        let line = try #require(try String(contentsOfFile: eventsFile, encoding: .utf8).split(separator: "\n").first)
        let event = try JSONDecoder().decode(ArrowChangeEvent.self, from: Data(line.utf8))
        #expect((event.label, event.old, event.new, event.reason) == ("3", .asDocumented, .closed, "conn-refused"))
        #expect(event.port == Int(site.plain.port.rawValue))
        let after = try await client.fetch("/metrics").text
        #expect(after.contains(#"portolan_arrow_up{schema="ksc13-server-agent",arrow="3",from="client",to="admin-server",host="127.0.3.11",address="127.0.3.11",port="\#(site.plain.port)",protocol="tcp",vantage="here"} 0"#))
        #expect(after.contains(#"portolan_state_changes_total{schema="ksc13-server-agent",arrow="3","#))

        watch.send(SIGTERM)
        #expect(await watch.waitForExit() == 0)
        #expect(watch.stderr.contains("msg=stopped"))
        #expect(watch.stderr.contains("msg=\"state change\""))
        await site.close()
    }

    @Test func sighupWithABrokenFileKeepsTheOldTopologyAndAFixedOneIsTakenUp() async throws {
        let site = try await WatchSite(address: "127.0.3.12")
        let watch = try BackgroundProcess(["watch", site.topology, "--listen", "127.0.3.12:0", "--interval", "0.2", "--log-format", "json"])
        let client = try WatchClient(url: try await listeningURL(watch))
        #expect(await watch.waitFor { _, err in err.contains("\"msg\":\"round done\"") })

        try "name: broken\nschemas: [ksc13-server-agent]\nroles:\n  administration-servr: 127.0.3.12\n".write(toFile: site.topology, atomically: true, encoding: .utf8)
        watch.send(SIGHUP)
        #expect(await watch.waitFor { _, err in err.contains("\(site.topology):4:3: ") && err.contains("\"level\":\"error\"") }, "\(watch.stderr)")
        let rounds = watch.stderr.components(separatedBy: "\"msg\":\"round done\"").count
        #expect(await watch.waitFor { _, err in err.components(separatedBy: "\"msg\":\"round done\"").count > rounds + 1 }, "rounds go on after a broken reload")
        #expect(try await client.fetch("/metrics").text.contains("portolan_topology_last_reload_successful 0.0"))

        try site.write(name: "renamed-site")
        watch.send(SIGHUP)
        let renamed = try await eventually { () -> Bool? in
            let state = try await client.fetch("/api/v1/state")
            return String(decoding: state.body, as: UTF8.self).contains("\"topology\" : \"renamed-site\"") ? true : nil
        }
        #expect(renamed == true)
        #expect(try await client.fetch("/metrics").text.contains("portolan_topology_last_reload_successful 1.0"))
        watch.send(SIGINT)
        #expect(await watch.waitForExit() == 0)
        await site.close()
    }

    @Test func roundsEndByThemselvesAndEventsGoToStandardOutput() async throws {
        let site = try await WatchSite(address: "127.0.3.13", closedOnPurpose: true)
        let watch = try BackgroundProcess(["watch", site.topology, "--listen", "127.0.3.13:0", "--rounds", "2", "--interval", "0.2", "--events", "-"])
        #expect(await watch.waitForExit() == 0, "\(watch.stderr)")
        // The first round is the baseline: the port closed on purpose is reported once, from unknown.
        let lines = watch.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(watch.stdout)")
        let event = try JSONDecoder().decode(ArrowChangeEvent.self, from: Data(try #require(lines.first).utf8))
        #expect((event.label, event.old, event.new) == ("3", .unknown, .closed))
        #expect(watch.stderr.components(separatedBy: "msg=\"round done\"").count == 3)
        await site.close()
    }

    @Test func brokenInputsAreRefusedBeforeAnythingStarts() async throws {
        let site = try await WatchSite(address: "127.0.3.14")
        try "name: x\nroles:\n  administration-server: [127.0.3.14\n".write(toFile: site.path("bad.yaml"), atomically: true, encoding: .utf8)
        let badTopology = try PortolanProcess.run(["watch", site.path("bad.yaml"), "--listen", "127.0.3.14:0"], timeLimit: 30)
        #expect(badTopology.status == 2)
        #expect(badTopology.stderr.contains("bad.yaml:"))
        let badListen = try PortolanProcess.run(["watch", site.topology, "--listen", "localhost:9470"], timeLimit: 30)
        #expect(badListen.status == 2)
        #expect(badListen.stderr.contains("--listen 'localhost:9470': 'localhost' is not an IP address"))
        try "basic_auth_users:\n  prometheus: not-a-hash\n".write(toFile: site.path("web.yml"), atomically: true, encoding: .utf8)
        let badWeb = try PortolanProcess.run(["watch", site.topology, "--listen", "127.0.3.14:0", "--web-config", site.path("web.yml")], timeLimit: 30)
        #expect(badWeb.status == 2)
        #expect(badWeb.stderr.contains("web.yml:2:15: the password of 'prometheus' is not a bcrypt hash"))
        let badStates = try PortolanProcess.run(["watch", site.topology, "--listen", "127.0.3.14:0", "--state-series", "sometimes"], timeLimit: 30)
        #expect(badStates.status == 2)
        #expect(badStates.stderr.contains("--state-series must be auto, on or off"), "\(badStates.stderr)")
        await site.close()
    }
}
