import Foundation
import Testing

@testable import PortolanTerminal

/// The width text tables may take: `$COLUMNS`, else the terminal's, else none for pipes and files.
@Suite struct OutputColumnsTests {
    @Test func columnsFromTheEnvironmentWin() {
        #expect(OutputColumns.current(environment: ["COLUMNS": "57"], descriptor: -1) == 57)
    }

    /// A file (here /dev/null, opened close-on-exec: other tests spawn processes meanwhile) is no terminal.
    @Test func aFileHasNoWidthAndBadColumnsAreIgnored() throws {
        let file = open("/dev/null", O_WRONLY | O_CLOEXEC)
        try #require(file >= 0)
        defer { close(file) }
        #expect(OutputColumns.current(environment: [:], descriptor: file) == nil)
        #expect(OutputColumns.current(environment: ["COLUMNS": "0"], descriptor: file) == nil)
        #expect(OutputColumns.current(environment: ["COLUMNS": "wide"], descriptor: file) == nil)
        #expect(OutputColumns.current(environment: ["COLUMNS": "-3"], descriptor: file) == nil)
    }
}
