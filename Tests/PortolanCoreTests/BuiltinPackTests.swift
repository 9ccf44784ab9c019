import Foundation
import PortolanCore
import Testing

/// The built-in packs are read and checked at build time (`PackEmbedder`) and compiled in as `Pack` values:
/// they must be exactly what the reader of user packs makes of the files in `Sources/PortolanPacks/packs`.
@Suite struct BuiltinPackTests {
    static let packsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Sources/PortolanPacks/packs").path

    /// Fails if the embedder leaves out a property of the model or writes one wrongly.
    @Test func theCompiledInPacksAreThePacksReadFromTheirFiles() throws {
        let read = try Catalog.loadPacks(in: Self.packsFolder)
        let builtin = Catalog.builtin().packs
        #expect(Set(read.map(\.id)) == Set(builtin.map(\.id)))
        #expect(builtin.map(\.id.rawValue) == ["ksc-13.1", "kak-6.0"], "newest documents first")
        for pack in read {
            var expected = pack
            expected.origin = "built-in"
            let compiled = try #require(builtin.first { $0.id == pack.id })
            #expect(compiled.schemas.map(\.id) == expected.schemas.map(\.id))
            for (mine, theirs) in zip(compiled.schemas, expected.schemas) {
                #expect(mine == theirs, "schema \(theirs.id)")
            }
            #expect(compiled == expected)
        }
    }
}
