import Foundation
import PortolanApp
import PortolanCore
import PortolanRender

/// States and probe results for the dashboard tests; times are fixed, never the clock.
enum Fixtures {
    static let catalog = Catalog.builtin()

    static let noon = Date(timeIntervalSince1970: 1_795_000_000)

    static func state(width: Int = 160, height: Int = 48, probing: Bool = false) -> AppState {
        AppState(
            schemas: catalog.schemas, conventions: catalog.conventions, size: ScreenSize(width: width, height: height),
            themes: ["ksc", "mono", "high-contrast", "light"].compactMap(Theme.builtin),
            live: LiveState(topologyName: probing ? "lab" : nil), probing: probing)
    }

    /// A state with `id` open.
    static func opened(_ id: String, width: Int = 160, height: Int = 48, probing: Bool = false) -> AppState {
        var state = state(width: width, height: height, probing: probing)
        state.cursor = state.visibleSchemas.firstIndex { $0.id.rawValue == id } ?? 0
        _ = state.apply(.key(.enter))
        return state
    }

    /// One result per probed arrow of a schema: every TCP port open (with its TLS as documented), every
    /// UDP port silent, except the arrows given in `states`.
    static func round(_ schema: SchemaID, states: [ArrowLabel: PortState] = [:]) -> [ProbeResult] {
        guard let schema = catalog.schema(schema) else { return [] }
        return schema.connections.compactMap { c in
            guard let port = c.port, let transport = c.transport else { return nil }
            let state = states[c.label] ?? (transport == .tcp ? .open : .openFiltered)
            let reason: ProbeReason = switch state {
            case .open: transport == .tcp ? .synAck : .udpResponse
            case .closed: transport == .tcp ? .connRefused : .portUnreach
            case .openFiltered: .noResponse
            default: .timeout
            }
            let tls: TLSReport? = state == .open && c.tls == .yes ? TLSReport(expected: .yes, verdict: .tlsOK, version: "TLSv1.3") : nil
            return ProbeResult(
                arrow: ArrowRef(c, in: schema.id),
                target: ProbeTarget(host: .name("\(c.responder).lab"), port: port, transport: transport, tls: c.tls),
                outcome: ProbeOutcome(address: nil, state: state, reason: reason, latency: state == .open ? .microseconds(420) : nil, tls: tls))
        }
    }
}
