import Foundation
import Vapor

/// Where `docket` finds its views, public files and the list of common passwords.
///
/// The working directory holds the data (`docket.sqlite`) and is where the program's own files
/// are looked for first. Run from elsewhere (an operator's data directory, a temporary directory
/// in a check), `docket` looks beside its executable and up from it, so `.build/debug/docket`
/// finds the checkout's `Resources/` from anywhere. `DOCKET_HOME` names the place outright.
public enum AppDirectory {
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> DirectoryConfiguration {
        let fm = FileManager.default
        func holdsResources(_ dir: String) -> Bool {
            fm.fileExists(atPath: dir.finished(with: "/") + "Resources/Views")
        }
        if let home = environment["DOCKET_HOME"], !home.isEmpty {
            return DirectoryConfiguration(workingDirectory: home)
        }
        let cwd = DirectoryConfiguration.detect()
        if holdsResources(cwd.workingDirectory) { return cwd }
        let executable = URL(
            fileURLWithPath: CommandLine.arguments.first ?? "",
            relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)
        )
        .standardizedFileURL.resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        // A few levels: `.build/<triple>/debug/docket` sits four below the checkout.
        for _ in 0..<6 {
            if holdsResources(dir.path) { return DirectoryConfiguration(workingDirectory: dir.path) }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return cwd
    }
}
