import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

extension AppState {
    /// A report of a schema as the dashboard shows it: the figure at the level of detail shown, the
    /// arrows' latest results and live states, the time of the latest round (or `now` before any).
    ///
    /// - Parameter machine: the name of the machine running the dashboard.
    public func report(of schema: Schema, diagram: Diagram, now: Date, machine: String) -> Report {
        let results = schema.connections.flatMap { live.arrows[ArrowRef($0, in: schema.id)]?.results ?? [] }
        let states = live.arrowStates(for: schema) ?? ArrowStates(schema, results: [])
        let note = probing ? VantageNote.text(results) : "not probed (the dashboard was started without a topology)"
        let notProbed = !probing ? "no topology" : live.round == 0 ? "no round yet" : "not probed by this topology (responder not bound)"
        return Report(
            topology: live.topologyName ?? "portolan", time: live.lastRefresh ?? now, machine: machine, vantageNote: note,
            vantages: live.vantages, sections: [Report.Section(diagram: diagram, results: results, states: states, notProbed: notProbed)],
            theme: theme)
    }
}
