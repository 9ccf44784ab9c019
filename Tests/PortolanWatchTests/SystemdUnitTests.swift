import Foundation
import PortolanTestSupport
import Testing

/// examples/systemd/portolan-watch.service is a unit systemd accepts, hardened as the README says.
@Suite(.requires("systemd-analyze"))
struct SystemdUnitTests {
    @Test func theExampleUnitVerifiesAndIsHardened() throws {
        let unit = PortolanProcess.packageRoot.appendingPathComponent("examples/systemd/portolan-watch.service")
        let text = try String(contentsOf: unit, encoding: .utf8)
        for setting in ["DynamicUser=yes", "ProtectSystem=strict", "CapabilityBoundingSet=\n", "NoNewPrivileges=yes", "ExecReload=/bin/kill -HUP $MAINPID"] {
            #expect(text.contains(setting), "\(setting)")
        }
        // systemd checks the command exists: point it at the binary the tests run.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-watch-\(getpid()).service")
        defer { try? FileManager.default.removeItem(at: copy) }
        try text.replacingOccurrences(of: "/usr/local/bin/portolan", with: try PortolanProcess.executable().path)
            .write(to: copy, atomically: true, encoding: .utf8)
        let verify = try PortolanProcess.run(["systemd-analyze", "verify", copy.path], portolan: false, timeLimit: 60)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stderr.isEmpty, "\(verify.stderr)")
    }
}
