/// The common forms of `portolan export`, read without ArgumentParser.
///
/// ArgumentParser's first use in a process costs about 2.3 ms of a whole `export` (about 10 ms): it
/// reflects over the command's property wrappers and builds its name sets, and in a binary that holds
/// 10,000 protocol conformance records each first cast or generic instantiation scans all of them (47
/// scans for one export). That is a fifth of the process, and the graph-easy goal of issue 11 times the
/// whole process (DECISIONS.md, "A quick path for export"). So `Portolan.main` first offers the arguments
/// here, and this takes them only when every one is of a plain form: `export`, one schema id (or `all`),
/// and the options `--format`, `--detail`, `--theme`, `-o`/`--output` (once each), `--catalog`
/// (repeatable), `--legend`, `--no-user-packs`, `--layout-at-run-time` (once each), each value a separate
/// argument that does not start with `-`. Anything else (`--help`, `--width`, `--format=svg`, a repeated
/// option, an unknown one, a second id) returns nil and goes to ArgumentParser, which stays the one
/// definition of the command, its help and its usage errors. `QuickExportTests` holds every form taken
/// here to the request ArgumentParser gives for the same arguments.
public enum QuickExport {
    /// The request that `arguments` (without the program's name) ask, or nil to leave them to ArgumentParser.
    public static func request(_ arguments: [String]) -> ExportRequest? {
        guard arguments.first == "export" else { return nil }
        var id: String?
        var request = ExportRequest(id: "")
        var seen: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                guard id == nil else { return nil }
                id = argument
                continue
            }
            guard argument == "--catalog" || !seen.contains(argument) else { return nil }
            seen.append(argument)
            switch argument {
            case "--legend": request.legend = true
            case "--no-user-packs": request.catalog.noUserPacks = true
            case "--layout-at-run-time": request.layoutAtRunTime = true
            default:
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                let value = arguments[index]
                index += 1
                switch argument {
                case "--format": request.format = value
                case "--detail": request.detail = value
                case "--theme": request.theme = value
                case "-o", "--output":
                    // -o and --output are one option: both given is a repeat.
                    guard request.output == nil else { return nil }
                    request.output = value
                case "--catalog": request.catalog.directories.append(value)
                default: return nil
                }
            }
        }
        guard let id else { return nil }
        request.id = id
        return request
    }
}
