import Foundation
import PortolanCore
import Testing

@testable import PortolanApp

/// `tui --log FILE` is checked before the screen opens: each wrong path says what is wrong with it.
@Suite struct ChangeLogFileTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-changelog-\(getpid())-\(UUID().uuidString)").path

    @Test func aNewFileInAFolderThatExistsOrAnOldOneIsFine() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try ChangeLogFile.checked("\(root)/changes.jsonl").path == "\(root)/changes.jsonl")
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: "\(root)/old.jsonl"))
        #expect(try ChangeLogFile.checked("\(root)/old.jsonl").path == "\(root)/old.jsonl")
        #expect(!FileManager.default.fileExists(atPath: "\(root)/changes.jsonl"), "checking creates nothing")
    }

    @Test func aFolderOrAMissingFolderIsRefusedWithTheFlag() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = #expect(throws: CommandFailure.self) { try ChangeLogFile.checked(root) }
        #expect(folder?.message == "--log \(root): is a folder; give a file to append JSON lines to")
        let missing = #expect(throws: CommandFailure.self) { try ChangeLogFile.checked("\(root)/no/such/x.jsonl") }
        #expect(missing?.message == "--log \(root)/no/such/x.jsonl: the folder \(root)/no/such does not exist")
        #expect(missing?.code == 2)
    }
}
