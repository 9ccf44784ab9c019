import Foundation
import PortolanTestSupport

/// Runs the `portolan` binary that `swift test` built beside the test bundle, or another command.
enum CLI {
    typealias Output = ProcessOutput

    static let packageRoot = PortolanProcess.packageRoot

    static func executable() throws -> URL { try PortolanProcess.executable() }

    /// Runs `arguments` (a command and its arguments, looked up in PATH; with `portolan`, portolan's
    /// arguments) in the package root.
    static func run(_ arguments: [String], portolan: Bool = false) throws -> Output {
        try PortolanProcess.run(arguments, portolan: portolan)
    }
}
