import ArgumentParser
import PortolanCore

/// `--max-targets N`: the cap on how many targets a topology (or a targets file) may bind, shared by
/// every command that reads a topology, so that the flag, its default and its error are the same everywhere.
struct TargetLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-targets"), help: ArgumentHelp("The most targets a topology or targets file may hold (default 100000).", valueName: "N"))
    var maxTargets = TopologyReader.defaultMaximumTargets

    func validate() throws {
        if maxTargets < 1 { throw ValidationError("--max-targets must be at least 1") }
    }
}
