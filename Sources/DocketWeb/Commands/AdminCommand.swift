import Crypto
import DocketCore
import DocketStore
import Fluent
import Vapor

/// `docket admin create --email E`: the first administrator. Nobody becomes an administrator by
/// signing up; this command, run by whoever runs the server, is the only way in.
struct AdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create, deactivate, reactivate or reset-link")
        var action: String
        @Option(name: "email", help: "The administrator's e-mail address")
        var email: String?
        @Option(name: "name", help: "Display name (defaults to the e-mail address)")
        var name: String?
    }

    var help: String {
        "Creates an administrator, deactivates or reactivates an account, or sends (prints, with no e-mail relay) a password link: `docket admin create|deactivate|reactivate|reset-link --email E`."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.action == "deactivate" || signature.action == "reactivate" {
            try await activation(context, signature)
            return
        }
        if signature.action == "reset-link" {
            try await resetLink(context, signature)
            return
        }
        guard signature.action == "create" else {
            throw CommandFailure(
                "unknown admin action '\(signature.action)'; try `docket admin create --email E`, `docket admin deactivate --email E`, `docket admin reactivate --email E` or `docket admin reset-link --email E`"
            )
        }
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
        let app = context.application
        let token = try await db.transaction { tx in
            try await person.create(on: tx)
            // Whoever runs the server can make an administrator; never unseen.
            try await AccountActs.record(
                .administratorCreated(.init(from: [], to: [Role.admin.rawValue])), about: nil, stream: person.requireID(), by: nil,
                at: app.docket.clock(), org: app.docket.config.organisationName, on: tx)
            return try await TokenHash.issue(to: person.id!, label: "created by docket admin create", on: tx)
        }
        context.console.output("Administrator \(email) created. These are shown once; keep them safe:".consoleText(.success))
        context.console.output("  password:  \(password)")
        context.console.output("  API token: \(token)")
    }

    /// From the server's command line, for when no administrator can sign in (or the one to
    /// deactivate is an administrator). Recorded on the chain with no actor: the operator.
    func activation(_ context: CommandContext, _ signature: Signature) async throws {
        guard let email = signature.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
            throw CommandFailure("give the person's e-mail address with --email")
        }
        let app = context.application
        guard let person = try await Person.byEmail(email, on: app.db) else { throw CommandFailure("nobody has the e-mail address \(email)") }
        let now = app.docket.clock(), org = app.docket.config.organisationName
        do {
            if signature.action == "deactivate" {
                try await AccountActs.deactivate(person, by: nil, at: now, org: org, on: app.db)
                context.console.output(
                    "\(person.displayName) <\(email)> is deactivated: every session and token has ended. Recorded on the audit trail.".consoleText(.success))
            } else {
                try await AccountActs.reactivate(person, by: nil, at: now, org: org, on: app.db)
                context.console.output("\(person.displayName) <\(email)> is active again. Recorded on the audit trail.".consoleText(.success))
            }
        } catch let refused as AccountActs.Refused {
            throw CommandFailure(refused.message)
        }
    }

    /// A password link for someone who cannot get one from the sign-in page: e-mailed to them when
    /// a relay is configured; otherwise printed here, for whoever runs the server to pass on, and
    /// the chain records that a link was printed, so it is never done unseen.
    func resetLink(_ context: CommandContext, _ signature: Signature) async throws {
        guard let email = signature.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
            throw CommandFailure("give the person's e-mail address with --email")
        }
        let app = context.application
        guard let person = try await Person.byEmail(email, on: app.db), let address = person.email else {
            throw CommandFailure("nobody has the e-mail address \(email)")
        }
        guard person.isActive else {
            throw CommandFailure("\(person.displayName) is deactivated; reactivate the account first (`docket admin reactivate --email \(email)`)")
        }
        let now = app.docket.clock(), org = app.docket.config.organisationName, relay = app.docket.config.smtp != nil
        let link = try await app.db.transaction { tx in
            let link = try await PasswordLinks.issueReset(for: person, base: app.docket.config.publicURL, at: now, on: tx)
            if relay { try await PasswordLinks.resetMail(to: address, link: link, org: org, at: now).create(on: tx) }
            try await AccountActs.record(
                relay ? .resetLinkSent(.init()) : .resetLinkPrinted(.init()), about: person, stream: person.requireID(),
                by: nil, at: now, org: org,
                message: relay
                    ? nil
                    : "A link to set the password of your account with \(org) was printed on the server's command line. If you did not ask for one, tell the auditors.",
                on: tx)
            return link
        }
        if relay {
            context.console.output(
                "A link to set a new password was e-mailed to \(address). It works once, within an hour. Recorded on the audit trail.".consoleText(.success))
        } else {
            context.console.output(
                "No e-mail relay is configured. Give this link to \(person.displayName) <\(address)> yourself; it works once, within an hour. Printing it is recorded on the audit trail, and the auditors are told:"
                    .consoleText(.success))
            context.console.output("  \(link)")
        }
    }
}
