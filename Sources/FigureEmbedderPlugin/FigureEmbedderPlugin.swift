import Foundation
import PackagePlugin

/// Lays out the built-in schemas at build time, through the `FigureEmbedder` tool, into a Swift file of the
/// target (PortolanFigures). The step runs again when a pack file changes or the tool is rebuilt (it links the
/// layout, so any change to PortolanLayout rebuilds it).
@main
struct FigureEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "FigureEmbedder").url
        let packs = context.package.directoryURL.appending(path: "Sources/PortolanPacks/packs")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinFigureCodes.swift")
        return [
            .buildCommand(
                displayName: "Laying out the built-in schemas",
                executable: tool,
                arguments: [packs.path, output.path],
                inputFiles: [tool] + yamlFiles(under: packs),
                outputFiles: [output])
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
