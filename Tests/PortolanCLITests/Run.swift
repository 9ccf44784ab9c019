import Foundation
import PortolanTestSupport

/// The result of running the `portolan` binary.
typealias Run = ProcessOutput

enum Binary {
    /// The package's root folder.
    static let packageRoot = PortolanProcess.packageRoot

    /// The `portolan` executable that `swift test` built beside the test bundle.
    static func url() throws -> URL { try PortolanProcess.executable() }

    /// Runs `portolan` with `arguments` in the package root, with a clean config folder.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Run {
        try PortolanProcess.run(arguments, environment: extra)
    }
}
