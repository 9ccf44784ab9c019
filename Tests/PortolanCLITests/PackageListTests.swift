import Foundation
import PortolanTestSupport
import Testing

/// One list of Debian packages (`.ci/packages`): what `.ci/run` installs, what the README's install
/// line names, and where a test that needs a tool finds its package.
@Suite struct PackageListTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: PortolanProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theReadmeInstallsExactlyTheListedPackages() throws {
        let readme = try Self.read("README.md")
        let prefix = "sudo apt-get install "
        let lines = readme.split(separator: "\n").filter { $0.hasPrefix(prefix) }
        try #require(lines.count == 1, "the README has one install line")
        let named = lines[0].dropFirst(prefix.count).split(separator: " ").map(String.init)
        #expect(named == RequiredTools.packages.map(\.name))
    }

    @Test func ciInstallsFromTheListAndFailsOnSkips() throws {
        let script = try Self.read(".ci/run")
        #expect(script.contains(".ci/packages"))
        #expect(script.contains("export CI=true"))
        #expect(!script.contains("tmux"), "packages are named in .ci/packages only")
    }

    static let list = RequiredTools.parse(
        """
        # comment
        libncurses-dev
        nftables   nft   # the firewall
        iproute2   ip
        """)

    @Test func theListFormat() {
        #expect(Self.list == [
            .init(name: "libncurses-dev", commands: []), .init(name: "nftables", commands: ["nft"]),
            .init(name: "iproute2", commands: ["ip"]),
        ])
        let all: (String) -> Bool = { _ in true }
        #expect(RequiredTools.comment(["ip", "nft"], list: Self.list, installed: all) == "needs ip (apt-get install iproute2), nft (apt-get install nftables)")
        #expect(RequiredTools.comment(["ip", "nft"], list: Self.list, installed: { $0 == "ip" }) == "needs nft (apt-get install nftables)",
            "a skip names only what is missing")
    }

    @Test func aMissingToolSkipsOutsideCIAndFailsUnderIt() throws {
        let onlyIP: (String) -> Bool = { $0 == "ip" }
        #expect(try RequiredTools.check(["ip"], list: Self.list, ci: true, installed: onlyIP))
        #expect(try !RequiredTools.check(["ip", "nft"], list: Self.list, ci: false, installed: onlyIP))
        let missing = #expect(throws: RequiredTools.Missing.self) {
            try RequiredTools.check(["ip", "nft"], list: Self.list, ci: true, installed: onlyIP)
        }
        #expect(missing?.packages == ["nftables"])
        #expect(missing?.description.contains("nft not installed") == true)
        #expect(throws: RequiredTools.Unlisted.self) { try RequiredTools.check(["nmap"], list: Self.list, ci: false, installed: onlyIP) }
    }

    @Test func lookupFollowsPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("fake-tool")
        try Data("#!/bin/sh\n".utf8).write(to: tool)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        #expect(RequiredTools.isInstalled("fake-tool", path: "/nonexistent:\(folder.path)"))
        #expect(!RequiredTools.isInstalled("fake-tool", path: "/usr/bin"))
    }

    /// Every tool the suite's tests ask for is in the list, so `requires` names a package for each.
    @Test func everyRequiredToolIsListed() throws {
        for command in ["tmux", "nft", "ip", "dot", "setsid"] {
            #expect(RequiredTools.package(providing: command) != nil, "\(command)")
        }
    }
}
