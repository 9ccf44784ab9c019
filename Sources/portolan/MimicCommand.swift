import ArgumentParser
import Dispatch
import Foundation
import PortolanCore
import PortolanLab
import PortolanProbe

struct MimicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mimic",
        abstract: "Stand in for a role: open every port the catalog says that kind of role answers on.",
        discussion: """
            Opens TCP listeners, TLS listeners (with a self-signed certificate made at start) for the arrows \
            the documents mark TLS yes, and UDP responders that answer every datagram, on each --bind address \
            (127.0.0.1 by default). Logs every connection to standard error. A port already in use is \
            reported and skipped. Stops on SIGINT/SIGTERM or after --duration seconds.
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: ArgumentHelp("The role kind, e.g. administration-server, distribution-point, client-device.", valueName: "ROLE-KIND"))
    var kind: String
    @Option(help: "Only this schema's arrows; repeatable (default: every schema).") var schema: [String] = []
    @Option(help: ArgumentHelp("An address to listen on; repeatable (default 127.0.0.1).", valueName: "ADDR")) var bind: [String] = []
    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "S")) var duration: Double?

    func validate() throws {
        guard RoleKind(rawValue: kind) != nil else {
            throw ValidationError("no role kind '\(kind)'; one of: \(RoleKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for address in bind where IPAddress(address) == nil { throw ValidationError("--bind \(address): not an IP address") }
        if let duration, !(0.1...86_400).contains(duration) { throw ValidationError("--duration must be within 0.1...86400 seconds") }
    }

    func run() async throws {
        let loaded = try catalog.load()
        let schemas = schema.isEmpty ? loaded.schemas : try schema.map { try catalog.schema($0, in: loaded) }
        guard let roleKind = RoleKind(rawValue: kind) else { throw ValidationError("no role kind '\(kind)'") }
        let addresses = (bind.isEmpty ? ["127.0.0.1"] : bind).compactMap(IPAddress.init)
        let endpoints = MimicPlan.endpoints(for: roleKind, in: schemas, addresses: addresses)
        guard !endpoints.isEmpty else {
            throw CommandFailure("no arrow of these schemas has a '\(kind)' responder with a port; nothing to open")
        }
        let mimic = Mimic(onEvent: MimicLog.write)
        let report = await mimic.open(endpoints)
        MimicLog.line("\(roleKind.displayName): \(report.opened.count) of \(endpoints.count) ports open"
            + (report.failed.isEmpty ? "" : ", \(report.failed.count) not (see above)"))
        await StopSignal.wait(atMost: duration.map { .milliseconds(Int($0 * 1000)) })
        await mimic.shutdown()
        MimicLog.line("stopped")
    }
}
