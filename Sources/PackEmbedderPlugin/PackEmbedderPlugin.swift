import Foundation
import PackagePlugin

/// Compiles the built-in data of a target into it, through the `PackEmbedder` and `FigureEmbedder` tools:
///
/// - a `packs/` folder (PortolanPacks): every pack is read and checked by the same reader as user packs, so a
///   broken built-in pack fails the build with its file:line:col, and is written as Swift `Pack` values;
/// - a `themes/` folder (PortolanRender): every `*.yaml` theme file, as text by theme name;
/// - PortolanFigures: the default figures of the built-in schemas (PortolanPacks' `packs/`), laid out at build
///   time. That step runs again when a pack file changes or the tool is rebuilt (it links the layout, so any
///   change to PortolanLayout rebuilds it).
@main
struct PackEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        if target.name == "PortolanFigures" {
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
        let tool = try context.tool(named: "PackEmbedder").url
        // (folder and tool mode, generated file, what the build log says it does)
        let kinds = [("packs", "EmbeddedPacks.swift", "Checking and embedding"), ("themes", "EmbeddedThemes.swift", "Embedding")]
        return kinds.compactMap { folder, file, verb in
            let directory = target.directoryURL.appending(path: folder)
            let inputs = yamlFiles(under: directory)
            guard !inputs.isEmpty else { return nil }
            let output = context.pluginWorkDirectoryURL.appending(path: file)
            return .buildCommand(
                displayName: "\(verb) \(inputs.count) \(folder.dropLast()) files",
                executable: tool,
                arguments: [folder, directory.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        }
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
