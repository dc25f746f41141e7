import DocketRedact
import Foundation
import Logging
import Vapor

/// The `docket` program: reads the configuration, builds the application and runs the command
/// named on the command line (`serve`, `migrate`, `demo`, `admin`, `audit`, `rulebook`).
public enum Docket {
    /// Returns the process exit status: 0 on success, 1 with a message on standard error otherwise.
    public static func run() async -> Int32 {
        // Redaction needs no database and must write nothing but the document to standard output.
        if CommandLine.arguments.dropFirst().first == "redact" {
            do {
                try RedactCommandLine.run(Array(CommandLine.arguments.dropFirst(2)))
                return 0
            } catch {
                FileHandle.standardError.write(Data("docket redact: \(String(describing: error))\n".utf8))
                return 1
            }
        }
        do {
            var env = try Environment.detect()
            try LoggingSystem.bootstrap(from: &env)
            let config = try DocketConfig.fromEnvironment(ProcessInfo.processInfo.environment)
            let app = try await Application.make(env)
            app.directory = AppDirectory.detect()
            do {
                var services = DocketServices(config: config)
                services.serves = CommandLine.arguments.dropFirst().first == "serve"
                try await configure(app, services: services)
                try await app.execute()
                try await app.asyncShutdown()
                return 0
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
        } catch {
            FileHandle.standardError.write(Data("docket: \(String(describing: error))\n".utf8))
            return 1
        }
    }
}
