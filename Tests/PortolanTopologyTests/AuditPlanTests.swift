import PortolanCore
import Testing

/// `zones:`, the audit's port sets and how an open port becomes a finding, without a socket.
@Suite struct AuditPlanTests {
    let catalog: Catalog

    init() throws { catalog = Catalog.builtin() }

    static let topology = """
        name: audit
        schemas: [ksc13-server-in-dmz]
        zones:
          lan: [10.1.0.0/16]
          dmz: [10.2.0.0/24]
          internet: [0.0.0.0/0]
        roles:
          ksc13-server-in-dmz/admin-server: 10.2.0.10
          ksc13-server-in-dmz/dbms: 10.1.0.5
          ksc13-server-in-dmz/laptop: 198.51.100.7
        vantages:
          - {name: lan, zone: lan, command: [true], roles: [ksc13-server-in-dmz/admin-console]}
          - {name: dmz, zone: dmz, command: [true], roles: [ksc13-server-in-dmz/admin-server]}
          - {name: internet, zone: internet, command: [true], roles: [client-device, mobile-device, browser]}
        """

    func read(_ text: String) throws -> Topology { try TopologyReader(catalog: catalog).read(text, file: "audit.yaml") }

    @Test func zonesAreReadAndTheLongestPrefixWins() throws {
        let topology = try read(Self.topology)
        #expect(topology.zones.map(\.zone) == [.lan, .dmz, .internet])
        #expect(topology.zone(of: IPAddress("10.2.0.10")!) == .dmz)
        #expect(topology.zone(of: IPAddress("10.1.3.4")!) == .lan)
        #expect(topology.zone(of: IPAddress("8.8.8.8")!) == .internet)
        #expect(topology.vantages.map(\.zone) == [.lan, .dmz, .internet])
    }

    @Test func badZonesSayWhereAndWhat() {
        #expect(throws: LocatedError.self) { try read("zones: {office: [10.0.0.0/8]}") }
        do {
            _ = try read("zones:\n  lan: [10.0.0.0/33]\n")
            Issue.record("a /33 was accepted")
        } catch let error as LocatedError {
            #expect(error.description.hasPrefix("audit.yaml:2:") && error.description.contains("bad CIDR block '10.0.0.0/33'"))
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Names and values from the file or the flag are quoted as everywhere else: cut when long, escapes for
    /// control characters, so a hostile value is never printed whole.
    @Test func zoneAndPortErrorsQuoteWhatWasWritten() throws {
        let long = String(repeating: "z", count: 300)
        let zone = #expect(throws: LocatedError.self) { try read("zones: {\(long): [10.0.0.0/8]}") }
        #expect(zone?.description.contains("unknown zone 'zzzzzzzzzzzzzzzzzzzzzzz…zzzzzzzzzzzzzzzzzzzzzzz'") == true, "\(zone?.description ?? "")")
        let port = #expect(throws: LocatedError.self) { try AuditPorts("13000,\u{1b}[2J", catalog: catalog) }
        #expect(port?.description.contains("'\\u{1B}[2J'") == true, "\(port?.description ?? "")")
    }

    @Test func portSpecs() throws {
        let ports = try AuditPorts("22, 13000-13002/tcp,15000/udp", catalog: catalog)
        #expect(ports.entries.map { "\($0.port)/\($0.transport.rawValue)" } == ["22/tcp", "13000/tcp", "13001/tcp", "13002/tcp", "15000/udp"])
        let packs = try AuditPorts("packs", catalog: catalog).entries.map { "\($0.port)/\($0.transport.rawValue)" }
        for expected in ["13000/tcp", "13000/udp", "14000/tcp", "13291/tcp", "15000/udp", "1433/tcp", "3306/tcp", "443/tcp"] {
            #expect(packs.contains(expected), "packs lacks \(expected)")
        }
        for bad in ["", "0", "70000", "9-3", "13000/sctp", "a-b", "1/tcp/udp"] {
            #expect(throws: LocatedError.self, "'\(bad)'") { try AuditPorts(bad, catalog: catalog) }
        }
    }

    @Test func eachVantageSweepsTheHostsOutsideItsZone() throws {
        let plan = try AuditPlan(topology: read(Self.topology), catalog: catalog, ports: AuditPorts("13291", catalog: catalog))
        let hosts = plan.sweeps.map { ($0.vantage ?? "here", Set($0.targets.map(\.host.description))) }
        #expect(hosts.map(\.0) == ["lan", "dmz", "internet"])
        #expect(hosts[0].1 == ["10.2.0.10", "198.51.100.7"])
        #expect(hosts[1].1 == ["10.1.0.5", "198.51.100.7"])
        #expect(hosts[2].1 == ["10.2.0.10", "10.1.0.5"])
        let inside = try AuditPlan(topology: read(Self.topology), catalog: catalog, ports: AuditPorts("13291", catalog: catalog), inside: true)
        #expect(inside.sweeps.allSatisfy { $0.targets.count == 3 } && inside.insideSkipped == 0)
    }

    @Test func openPortsNoArrowFromTheVantageNeedsAreFindings() throws {
        let plan = try AuditPlan(
            topology: read(Self.topology), catalog: catalog, ports: AuditPorts("13000,13291,14000,15000/udp,22", catalog: catalog))
        let internet = try #require(plan.sweeps.first { $0.vantage == "internet" })
        let open: Set<String> = ["10.2.0.10:13000/tcp", "10.2.0.10:13291/tcp", "10.2.0.10:14000/tcp", "10.2.0.10:22/tcp"]
        let outcomes = internet.targets.map { target in
            ProbeOutcome(
                address: nil, state: open.contains("\(target.host):\(target.port)/\(target.transport.rawValue)") ? .open : .filtered,
                reason: .timeout)
        }
        let findings = plan.findings(internet, outcomes: outcomes)
        #expect(findings.map { "\($0.host):\($0.port) \($0.kind.rawValue)" } == [
            "10.2.0.10:22 unknown", "10.2.0.10:13291 needed-elsewhere", "10.2.0.10:14000 legacy",
        ])
        let console = try #require(findings.first { $0.port.rawValue == 13291 })
        #expect(console.vantage == .named("internet"))
        #expect(console.neededBy.map { "\($0.arrow.label) \($0.arrow.from) \($0.vantage ?? "here")" } == ["6 admin-console lan"])
        #expect(console.why.contains("needed by ksc13-server-in-dmz 6 admin-console → admin-server from 'lan'"))
        let legacy = try #require(findings.first { $0.kind == .legacy })
        #expect(legacy.why.contains("non-SSL port 14000") && legacy.why.contains("TLS no"))
        // UDP silence is no finding, and the same open 13291 seen from the LAN is what the LAN needs.
        let lan = try #require(plan.sweeps.first { $0.vantage == "lan" })
        let lanOutcomes = lan.targets.map { target in
            ProbeOutcome(
                address: nil,
                state: target.transport == .udp ? .openFiltered : (target.port.rawValue == 13291 && target.host.description == "10.2.0.10" ? .open : .closed),
                reason: .timeout)
        }
        #expect(plan.findings(lan, outcomes: lanOutcomes).isEmpty)
    }

    /// A binding's `ports:` moves the legacy port with the arrow's own: the moved plaintext port is the legacy
    /// finding, and the documented number (now nobody's port) is an unknown one.
    @Test func aBindingsPortMovesApplyToLegacyPorts() throws {
        let moved = Self.topology.replacingOccurrences(
            of: "ksc13-server-in-dmz/admin-server: 10.2.0.10",
            with: "ksc13-server-in-dmz/admin-server: {hosts: [10.2.0.10], ports: {13000: 13100, 14000: 14100}}")
        let plan = try AuditPlan(topology: read(moved), catalog: catalog, ports: AuditPorts("13100,14000,14100", catalog: catalog))
        let internet = try #require(plan.sweeps.first { $0.vantage == "internet" })
        let outcomes = internet.targets.map { target in
            ProbeOutcome(address: nil, state: target.host.description == "10.2.0.10" ? .open : .filtered, reason: .timeout)
        }
        let findings = plan.findings(internet, outcomes: outcomes).map { "\($0.host):\($0.port) \($0.kind.rawValue)" }
        #expect(findings == ["10.2.0.10:14000 unknown", "10.2.0.10:14100 legacy"], "\(findings)")
    }
}
