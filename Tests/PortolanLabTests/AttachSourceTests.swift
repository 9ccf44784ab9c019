import Foundation
import PortolanCore
import PortolanTestSupport
import Testing

@testable import PortolanLab

/// `tui --attach URL` refuses, before any screen opens, what is not a watcher it can read.
@Suite struct AttachSourceTests {
    @Test func aURLThatIsNoWatchersIsRefusedNamingTheFlag() {
        let failure = #expect(throws: CommandFailure.self) {
            try AttachSource.connect("ftp://127.0.0.1:21", caFile: nil, interval: .seconds(1))
        }
        #expect(failure?.message.hasPrefix("--attach: 'ftp://127.0.0.1:21' is not a watcher's URL") == true, "\(failure?.message ?? "")")
        #expect(failure?.code == 2)
    }

    /// A port that was free a moment ago, on loopback: nothing answers there.
    @Test func aWatcherThatIsNotRunningSaysSo() throws {
        let port = try freePort(tcp: true)
        let failure = #expect(throws: CommandFailure.self) {
            try AttachSource.connect("http://127.0.0.1:\(port)", caFile: nil, interval: .seconds(1))
        }
        let message = failure?.message ?? ""
        #expect(message.contains("127.0.0.1:\(port)") && message.hasSuffix("(is `portolan watch` running there?)"), "\(message)")
    }
}
