import DocketCore
import DocketStore
import Fluent
import Foundation
import Vapor

/// Links that set a password: an invitation for a new account, or a reset. Every link goes by
/// e-mail to the person whose account it opens, works once, and lapses; an administrator never
/// sees one. Only when no e-mail relay is configured can whoever runs the server print a link
/// (`docket admin reset-link`), and the chain records that they did.
enum PasswordLinks {
    static let invitationLifetime: TimeInterval = 7 * 86_400
    static let resetLifetime: TimeInterval = 3600
    /// Reset e-mails one account can be sent in an hour, whoever asks: nobody can flood an inbox.
    static let resetsPerHour = 3

    /// A new reset link for `person`; any earlier unused reset link of theirs stops working.
    static func issueReset(for person: Person, base: String, at now: Date, on tx: any Database) async throws -> String {
        let id = try person.requireID()
        try await Invitation.query(on: tx).filter(\.$person.$id == id).filter(\.$purpose == Invitation.reset)
            .filter(\.$usedAt == nil).set(\.$usedAt, to: Instant.millis(now)).update()
        let token = TokenHash.newToken()
        try await Invitation(
            personId: id, tokenHash: TokenHash.of(token), expiresAt: now.addingTimeInterval(resetLifetime),
            purpose: Invitation.reset, at: now
        ).create(on: tx)
        return base + SiteURL.reset(token)
    }

    static func resetMail(to address: String, link: String, org: String, at now: Date) -> OutboxMessage {
        OutboxMessage(
            to: address, subject: "Reset your password for \(org)",
            body:
                "Someone asked to reset the password of your account with \(org). To choose a new password, open this link within an hour; it works once:\n\n\(link)\n\nIf it was not you, ignore this e-mail: your password stays as it is.",
            at: now)
    }

    /// A reset asked for on the sign-in page. Whether or not the address has an account, the
    /// asker is told the same, so the page says nothing about who is a member or on the staff.
    static func request(email: String, services: DocketServices, on db: any Database) async throws {
        let now = services.clock()
        guard let person = try await Person.byEmail(email, on: db), person.isActive, let address = person.email else { return }
        let recent = try await Invitation.query(on: db).filter(\.$person.$id == person.requireID())
            .filter(\.$purpose == Invitation.reset).filter(\.$createdAt >= Instant.millis(now.addingTimeInterval(-3600))).count()
        guard recent < resetsPerHour else { return }
        try await db.transaction { tx in
            let link = try await issueReset(for: person, base: services.config.publicURL, at: now, on: tx)
            try await resetMail(to: address, link: link, org: services.config.organisationName, at: now).create(on: tx)
        }
    }

    /// The link a password-setting page was opened with, if it is still good for `purpose`.
    static func open(_ token: String?, purpose: String?, at now: Date, on db: any Database) async throws -> Invitation? {
        guard let token, TokenHash.looksLikeToken(token) else { return nil }
        guard let link = try await Invitation.query(on: db).filter(\.$tokenHash == TokenHash.of(token)).with(\.$person).first(),
            link.purpose == purpose, link.usedAt == nil, link.expiresAt > Instant.millis(now), link.person.isActive
        else { return nil }
        return link
    }

    /// Sets the password through `link`: the link and every other outstanding one of the person's
    /// are used up, every session of theirs ends, and a reset is recorded on the chain and the
    /// person told by e-mail, so a reset they did not make does not go unnoticed.
    static func use(_ link: Invitation, passwordHash: String, at now: Date, org: String, on db: any Database) async throws {
        let person = link.person, id = try person.requireID()
        try await db.transaction { tx in
            person.passwordHash = passwordHash
            try await person.save(on: tx)
            try await Invitation.query(on: tx).filter(\.$person.$id == id).filter(\.$usedAt == nil)
                .set(\.$usedAt, to: Instant.millis(now)).update()
            try await WebSession.endAll(of: id, on: tx)
            if link.purpose == Invitation.reset {
                try await AccountActs.record(
                    .passwordReset(.init()), about: person, stream: id,
                    by: id, at: now, org: org,
                    message: "The password of your account with \(org) was just changed through a reset link. If it was not you, tell the auditors at once.",
                    auditors: false, on: tx)
            }
        }
    }
}
