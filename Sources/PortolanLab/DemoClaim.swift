import Foundation
import PortolanCore
import PortolanProbe

/// The ports the demo could not have, and the arrows left out of its probes for them.
///
/// The demo probes only what it controls: a port it opened, or one it left closed on purpose and found
/// free. Where another program listens (or the address is not on this machine), a probe would report
/// that program, not the simulated deployment, so the port's arrows are not probed and this says so.
public struct DemoClaim: Sendable {
    /// Why each endpoint could not be opened ("port in use").
    public var refused: [MimicEndpoint: String]
    /// The arrows whose probes were removed from the plan, per endpoint.
    public var leftOut: [MimicEndpoint: [ArrowRef]]

    /// Removes from `plan` every probe whose target is a refused endpoint.
    public init(refused: [MimicEndpoint: String], plan: inout ProbePlan) {
        self.refused = refused
        var leftOut: [MimicEndpoint: [ArrowRef]] = [:]
        plan.probes.removeAll { probe in
            guard let endpoint = refused.keys.first(where: { Self.targets(probe.target, $0) }) else { return false }
            leftOut[endpoint, default: []].append(probe.arrow)
            return true
        }
        self.leftOut = leftOut
    }

    /// Opens the deployment's ports in `mimic` and checks that those closed on purpose are free (a
    /// listener opened and closed at once on a spare mimic); returns the endpoints it could not have.
    public static func refusals(of deployment: DemoDeployment, opening mimic: Mimic) async -> [MimicEndpoint: String] {
        var refused: [MimicEndpoint: String] = [:]
        for endpoint in deployment.endpoints {
            do { try await mimic.open(endpoint) } catch { refused[endpoint] = reason(error) }
        }
        let spare = Mimic()
        for endpoint in deployment.closedEndpoints {
            do { try await spare.open(endpoint) } catch { refused[endpoint] = reason(error) }
        }
        await spare.shutdown()
        return refused
    }

    private static func reason(_ error: Error) -> String { (error as? MimicFailure)?.reason ?? "\(error)" }

    private static func targets(_ target: ProbeTarget, _ endpoint: MimicEndpoint) -> Bool {
        target.host == .address(endpoint.address) && target.port == endpoint.port && target.transport == endpoint.transport
    }

    /// One line per refused endpoint: "cannot open 127.0.0.21:13299/tcp tls (port in use): not probed, arrows ksc13-lan 9".
    public var messages: [String] {
        refused.sorted { $0.key < $1.key }.map { endpoint, reason in
            "cannot open \(endpoint) (\(reason)): not probed, " + Self.arrows(leftOut[endpoint] ?? [])
        }
    }

    /// The table's note, or nil when every port was the demo's own.
    public var summary: String? {
        guard !refused.isEmpty else { return nil }
        let items = refused.sorted { $0.key < $1.key }.map { endpoint, reason in "\(endpoint) (\(reason); \(Self.arrows(leftOut[endpoint] ?? [])))" }
        return "Not opened, so not probed (another program holds them?): \(items.joined(separator: ", "))."
    }

    private static func arrows(_ arrows: [ArrowRef]) -> String {
        arrows.isEmpty ? "no arrow" : "arrow" + (arrows.count == 1 ? " " : "s ") + arrows.map { "\($0.schema) \($0.label)" }.joined(separator: ", ")
    }
}
