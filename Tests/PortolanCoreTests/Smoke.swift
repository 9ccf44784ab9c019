import Testing
@testable import PortolanCore

@Test func builtinLoads() throws {
    let catalog = try Catalog.builtin()
    #expect(!catalog.schemas.isEmpty)
}
