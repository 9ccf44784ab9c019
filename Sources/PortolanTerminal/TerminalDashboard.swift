import Foundation
import PortolanApp

extension TerminalScreen {
    /// Runs the dashboard's loop on this terminal until `q` or a stop signal, then restores the terminal
    /// (also when the loop ends early). Exports go to the current folder; every change of an arrow's live
    /// state is appended to `changeLog`, if given.
    public func runDashboard(
        _ state: AppState, source: (any LiveSource)?, changeLog: URL? = nil, layouts: any SchemaLayouts = DirectLayouts(), lastViewed: LastViewed? = nil
    ) {
        defer { close() }
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        DashboardLoop(
            state: state, screen: self, source: source, exportFolder: folder, changeLog: changeLog, layouts: layouts, lastViewed: lastViewed
        ).run()
    }
}
