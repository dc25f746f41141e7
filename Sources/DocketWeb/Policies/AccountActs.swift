import DocketCore
import DocketStore
import Fluent
import Foundation
import Vapor

/// What an administrator does to accounts, done one way from the web and the command line: each
/// act is an event on the chain (stream: the person's id), so nobody changes who may do what
/// unseen, and the person and the auditors are told by e-mail.
enum AccountActs {
    /// The kinds of administrative events, as the audit page lists them.
    static let kinds = RecordEvent.administrativeKinds.map(\.rawValue)

    /// Roles that open case files. An administrator, who can change anyone's roles, holds none.
    static let caseRoles: Set<Role> = [.caseworker, .panelMember, .governance, .reviewer]

    struct Refused: Error { var message: String }

    /// The streams of acts that concern no one person: fixed ids, so an auditor can follow them.
    static let settingsStream = UUID(uuidString: "5E771465-0000-4000-8000-000000000001")!
    static let registerStream = UUID(uuidString: "5E771465-0000-4000-8000-000000000002")!

    /// Records `kind` about `subject` on the chain, in `tx`, and tells the person and the auditors.
    /// `message` is what the person is told (by default, that an administrator changed their
    /// account); acts a person does to their own account are not sent to the auditors.
    static func record(
        _ event: RecordEvent, about subject: Person?, stream: UUID, by actor: UUID?,
        at now: Date, org: String, message: String? = nil, auditors: Bool = true, sealedFor: UUID? = nil, on tx: any Database
    ) async throws {
        try await EventLog.append(stream: stream, events: [event], actorId: actor, at: now, sealedFor: sealedFor, on: tx)
        let what = event.kind.rawValue.replacingOccurrences(of: "_", with: " ")
        if let email = subject?.email {
            try await OutboxMessage(
                to: email, subject: "Your account with \(org)",
                body: message
                    ?? "An administrator made a change to your account (\(what)). Sign in to see your roles; if you did not expect it, tell the auditors.",
                at: now
            ).create(on: tx)
        }
        guard auditors else { return }
        for auditor in try await Person.query(on: tx).filter(\.$rolesText ~~ Role.auditor.rawValue).filter(\.$deactivatedAt == nil).all()
        where auditor.roles.contains(.auditor) && auditor.id != subject?.id {
            guard let email = auditor.email else { continue }
            try await OutboxMessage(
                to: email, subject: "An administrative act in \(org)",
                body: "An administrator's act (\(what)) was recorded. The audit page lists it.", at: now
            ).create(on: tx)
        }
    }

    /// Sets `person`'s roles as `admin`. Nobody changes their own roles, and an administrator
    /// holds no role that opens case files.
    static func setRoles(
        _ roles: Set<Role>, of person: Person, by admin: Person, at now: Date, org: String,
        on db: any Database
    ) async throws -> Bool {
        guard person.id != admin.id else {
            throw Refused(message: "Nobody changes their own roles: another administrator must do it, and it is recorded.")
        }
        if roles.contains(.admin), !roles.isDisjoint(with: caseRoles) {
            let opened = roles.intersection(caseRoles).map(\.title).sorted().joined(separator: ", ")
            throw Refused(
                message:
                    "An administrator cannot also hold a role that opens case files (\(opened)). Give those roles to someone else, or remove the administrator role first."
            )
        }
        guard person.roles != roles else { return false }
        let before = person.roles
        try await db.transaction { tx in
            person.roles = roles
            try await person.save(on: tx)
            try await record(
                .rolesChanged(.init(from: before.map(\.rawValue).sorted(), to: roles.map(\.rawValue).sorted())),
                about: person, stream: person.requireID(),
                by: admin.id, at: now, org: org, on: tx)
            // A change of privilege ends the person's sessions: they sign in again under the new roles.
            _ = try await WebSession.endAll(of: person.requireID(), on: tx)
        }
        return true
    }

    /// Deactivates `person`: every session and token ends at once; they keep their place in the
    /// record and can be reactivated.
    static func deactivate(_ person: Person, by admin: Person?, at now: Date, org: String, on db: any Database) async throws {
        guard person.id != admin?.id else { throw Refused(message: "You cannot deactivate your own account; another administrator must.") }
        guard person.isActive else { throw Refused(message: "\(person.displayName) is already deactivated.") }
        try await db.transaction { tx in
            person.deactivatedAt = now
            try await person.save(on: tx)
            let id = try person.requireID()
            _ = try await WebSession.endAll(of: id, on: tx)
            try await ApiToken.query(on: tx).filter(\.$person.$id == id).delete()
            try await Invitation.query(on: tx).filter(\.$person.$id == id).delete()
            try await record(.accountDeactivated(.init()), about: person, stream: id, by: admin?.id, at: now, org: org, on: tx)
        }
    }

    static func reactivate(_ person: Person, by admin: Person?, at now: Date, org: String, on db: any Database) async throws {
        guard !person.isActive else { throw Refused(message: "\(person.displayName) is not deactivated.") }
        try await db.transaction { tx in
            person.deactivatedAt = nil
            try await person.save(on: tx)
            try await record(.accountReactivated(.init()), about: person, stream: person.requireID(), by: admin?.id, at: now, org: org, on: tx)
        }
    }
}
