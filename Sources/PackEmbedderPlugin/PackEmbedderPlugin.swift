import Foundation
import PackagePlugin

/// Embeds every `*.yaml` file under the target's `packs/` folder into a generated Swift file,
/// so that the built-in schema packs travel inside the `portolan` binary.
@main
struct PackEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packsDirectory = target.directoryURL.appending(path: "packs")
        let inputs = yamlFiles(under: packsDirectory)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPackFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) pack files",
                executable: try context.tool(named: "PackEmbedder").url,
                arguments: [packsDirectory.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func yamlFiles(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
    }
}
