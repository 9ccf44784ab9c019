import Foundation
import PackagePlugin

/// Compiles the built-in data of a target into it, through the `PackEmbedder` tool:
///
/// - a `packs/` folder (PortolanPacks): every pack is read and checked by the same reader as user packs, so a
///   broken built-in pack fails the build with its file:line:col, and is written as Swift `Pack` values;
/// - a `themes/` folder (PortolanRender): every `*.yaml` theme file, as text by theme name.
@main
struct PackEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "PackEmbedder").url
        var commands: [Command] = []
        let packs = target.directoryURL.appending(path: "packs")
        let packFiles = yamlFiles(under: packs)
        if !packFiles.isEmpty {
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPacks.swift")
            commands.append(
                .buildCommand(
                    displayName: "Checking and embedding \(packFiles.count) pack files",
                    executable: tool,
                    arguments: ["packs", packs.path, output.path],
                    inputFiles: packFiles,
                    outputFiles: [output]))
        }
        let themes = target.directoryURL.appending(path: "themes")
        let themeFiles = yamlFiles(under: themes)
        if !themeFiles.isEmpty {
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedThemes.swift")
            commands.append(
                .buildCommand(
                    displayName: "Embedding \(themeFiles.count) theme files",
                    executable: tool,
                    arguments: ["themes", themes.path, output.path],
                    inputFiles: themeFiles,
                    outputFiles: [output]))
        }
        return commands
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
