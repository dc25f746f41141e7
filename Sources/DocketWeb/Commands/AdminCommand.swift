import Crypto
import DocketCore
import DocketStore
import Fluent
import Vapor

/// `docket admin create --email E`: the first administrator. Nobody becomes an administrator by
/// signing up; this command, run by whoever runs the server, is the only way in.
struct AdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "email", help: "The administrator's e-mail address")
        var email: String?
        @Option(name: "name", help: "Display name (defaults to the e-mail address)")
        var name: String?
    }

    var help: String { "Creates an administrator: `docket admin create --email E`." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CommandFailure("unknown admin action '\(signature.action)'; try `docket admin create --email E`") }
        guard let email = signature.email?.trimmingCharacters(in: .whitespaces), email.contains("@"), email.count >= 3 else {
            throw CommandFailure("give the administrator's e-mail address with --email")
        }
        let db = context.application.db
        if try await Person.byEmail(email, on: db) != nil {
            throw CommandFailure("someone with the e-mail address \(email) already exists")
        }
        let password = String(TokenHash.newToken().prefix(20))
        let person = Person(displayName: signature.name ?? email, email: email, roles: [.admin])
        person.passwordHash = try Bcrypt.hash(password)
        let token = try await db.transaction { tx in
            try await person.create(on: tx)
            return try await TokenHash.issue(to: person.id!, label: "created by docket admin create", on: tx)
        }
        context.console.output("Administrator \(email) created. These are shown once; keep them safe:".consoleText(.success))
        context.console.output("  password:  \(password)")
        context.console.output("  API token: \(token)")
    }
}
