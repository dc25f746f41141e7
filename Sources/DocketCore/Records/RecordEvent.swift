import Foundation

/// The events of Docket's records other than cases: accounts and their roles, settings and
/// imports, publications, statements and comments, review programmes. They go on the same chain
/// as case events, each with a typed payload; `kind` is the catalogue of their names, so no layer
/// outside the core spells one.
public enum RecordEvent: Sendable {
    // Accounts and administration
    case rolesChanged(Roles)
    case accountInvited(Roles)
    /// An administrator made on the server's command line (`docket admin create`).
    case administratorCreated(Roles)
    case accountDeactivated(Reason)
    case accountReactivated(Reason)
    case passwordReset(Reason)
    case resetLinkPrinted(Reason)
    case resetLinkSent(Reason)
    case apiTokenCreated(Token)
    case apiTokenRevoked(Token)
    /// A person's private calendar feed: a secret address, made anew or turned off.
    case calendarFeedCreated(Token)
    case calendarFeedRevoked(Token)
    case settingsChanged(Settings)
    case registerImported(RegisterImport)
    case rulebookImported(RulebookImport)
    // Publications
    case publicationUploaded(PublicationUpload)
    case redactionsReviewed(RedactionReview)
    case redactionsMarked(RedactionMarks)
    case publicationApproved(PublicationApproval)
    // Statements and comments
    case statementPublished(Statement)
    case commentsClosed(Slug)
    case commentPosted(CommentPosted)
    case commentHidden(CommentHidden)
    case commentModerated(Moderation)
    // Review programmes
    case reviewProgrammeCreated(Programme)
    // Operations: whole copies of the record, made and put back
    case backupTaken(Copy)
    case databaseRestored(Copy)
    // Personal data: a person's copy of everything held about them
    case subjectAccessExported(SubjectAccess)
    /// Erasure on request: proposed by an administrator, decided by an independent reviewer.
    /// The reasons are sealed with the person's key, and go with it.
    case erasureProposed(ErasureProposal)
    case erasureDecided(ErasureDecision)

    public struct Roles: Codable, Sendable, Equatable {
        public var from: [String]; public var to: [String]
        public init(from: [String], to: [String]) { self.from = from; self.to = to }
    }
    public struct Reason: Codable, Sendable, Equatable {
        public var reason: String?
        public init(reason: String? = nil) { self.reason = reason }
    }
    public struct Token: Codable, Sendable, Equatable {
        public var token: UUID; public var name: String; public var expiresAt: Int64?
        public init(token: UUID, name: String, expiresAt: Int64?) { self.token = token; self.name = name; self.expiresAt = expiresAt }
    }
    public struct Settings: Codable, Sendable, Equatable {
        public var policy: ProcedurePolicy; public var holidays: [Day]
        public init(policy: ProcedurePolicy, holidays: [Day]) { self.policy = policy; self.holidays = holidays }
    }
    public struct RegisterImport: Codable, Sendable, Equatable {
        public var lines: Int; public var added: Int; public var updated: Int; public var sha256: String
        /// Lines for people erased on request, not made again.
        public var erased: Int?
        public init(lines: Int, added: Int, updated: Int, sha256: String, erased: Int? = nil) {
            self.lines = lines; self.added = added; self.updated = updated; self.sha256 = sha256; self.erased = erased
        }
    }
    public struct RulebookImport: Codable, Sendable, Equatable {
        public var version: String; public var effectiveFrom: String; public var clauses: Int; public var sha256: String
        public var backdated: Bool; public var predates: String?
        public init(version: String, effectiveFrom: String, clauses: Int, sha256: String, backdated: Bool, predates: String?) {
            self.version = version; self.effectiveFrom = effectiveFrom; self.clauses = clauses; self.sha256 = sha256
            self.backdated = backdated; self.predates = predates
        }
    }
    public struct PublicationUpload: Codable, Sendable, Equatable {
        public var title: String; public var format: String; public var sha256: String; public var proposals: Int
        public init(title: String, format: String, sha256: String, proposals: Int) {
            self.title = title; self.format = format; self.sha256 = sha256; self.proposals = proposals
        }
    }
    public struct RedactionReview: Codable, Sendable, Equatable {
        public var accepted: [Int]; public var rejected: [Int]
        public init(accepted: [Int], rejected: [Int]) { self.accepted = accepted; self.rejected = rejected }
    }
    public struct RedactionMarks: Codable, Sendable, Equatable {
        public var numbers: [Int]; public var sha256: String
        public init(numbers: [Int], sha256: String) { self.numbers = numbers; self.sha256 = sha256 }
    }
    public struct PublicationApproval: Codable, Sendable, Equatable {
        public var sha256: String; public var accepted: Int; public var rejected: Int; public var slug: String
        public init(sha256: String, accepted: Int, rejected: Int, slug: String) {
            self.sha256 = sha256; self.accepted = accepted; self.rejected = rejected; self.slug = slug
        }
    }
    public struct Statement: Codable, Sendable, Equatable {
        public var title: String; public var slug: String
        /// The text's hash (absent from statements recorded before 2026-12-03).
        public var sha256: String?
        public init(title: String, slug: String, sha256: String? = nil) { self.title = title; self.slug = slug; self.sha256 = sha256 }
    }
    public struct CommentPosted: Codable, Sendable, Equatable {
        public var comment: UUID; public var status: String; public var sha256: String
        public init(comment: UUID, status: String, sha256: String) { self.comment = comment; self.status = status; self.sha256 = sha256 }
    }
    public struct CommentHidden: Codable, Sendable, Equatable {
        public var comment: UUID; public var reports: Int
        public init(comment: UUID, reports: Int) { self.comment = comment; self.reports = reports }
    }
    public struct Slug: Codable, Sendable, Equatable {
        public var slug: String
        public init(slug: String) { self.slug = slug }
    }
    public struct Moderation: Codable, Sendable, Equatable {
        public var comment: UUID; public var decision: String; public var reasons: String
        public init(comment: UUID, decision: String, reasons: String) { self.comment = comment; self.decision = decision; self.reasons = reasons }
    }
    public struct Programme: Codable, Sendable, Equatable {
        public var title: String; public var rule: ReviewRule; public var opened: Int; public var skipped: Int
        public init(title: String, rule: ReviewRule, opened: Int, skipped: Int) {
            self.title = title; self.rule = rule; self.opened = opened; self.skipped = skipped
        }
    }

    /// A whole copy of the database: its digest, its size and where its chains end.
    public struct Copy: Codable, Sendable, Equatable {
        public var sha256: String; public var bytes: Int64; public var events: Int64; public var accesses: Int64
        public init(sha256: String, bytes: Int64, events: Int64, accesses: Int64) {
            self.sha256 = sha256; self.bytes = bytes; self.events = events; self.accesses = accesses
        }
    }

    /// A subject access export: its format, how many cases it held, and whether an
    /// administrator made it on the command line (otherwise the person downloaded it).
    public struct SubjectAccess: Codable, Sendable, Equatable {
        public var format: String; public var cases: Int; public var byCommandLine: Bool
        public init(format: String, cases: Int, byCommandLine: Bool) { self.format = format; self.cases = cases; self.byCommandLine = byCommandLine }
    }

    public struct ErasureProposal: Codable, Sendable, Equatable {
        public var request: UUID; public var reasons: String; public var cases: Int
        public init(request: UUID, reasons: String, cases: Int) { self.request = request; self.reasons = reasons; self.cases = cases }
    }
    public struct ErasureDecision: Codable, Sendable, Equatable {
        public var request: UUID; public var approved: Bool; public var reasons: String; public var cases: Int
        /// On approval, the ids of the person's keys that are about to be destroyed: `audit verify`
        /// accepts a missing key only when the chain says why it went.
        public var keys: [UUID]?
        public init(request: UUID, approved: Bool, reasons: String, cases: Int, keys: [UUID]? = nil) {
            self.request = request; self.approved = approved; self.reasons = reasons; self.cases = cases; self.keys = keys
        }
    }

    /// The catalogue of record event kinds, as stored.
    public enum Kind: String, CaseIterable, Sendable {
        case rolesChanged = "roles_changed"
        case accountInvited = "account_invited"
        case administratorCreated = "administrator_created"
        case accountDeactivated = "account_deactivated"
        case accountReactivated = "account_reactivated"
        case passwordReset = "password_reset"
        case resetLinkPrinted = "reset_link_printed"
        case resetLinkSent = "reset_link_sent"
        case apiTokenCreated = "api_token_created"
        case apiTokenRevoked = "api_token_revoked"
        case calendarFeedCreated = "calendar_feed_created"
        case calendarFeedRevoked = "calendar_feed_revoked"
        case settingsChanged = "settings_changed"
        case registerImported = "register_imported"
        case rulebookImported = "rulebook_imported"
        case publicationUploaded = "publication_uploaded"
        case redactionsReviewed = "redactions_reviewed"
        case redactionsMarked = "redactions_marked"
        case publicationApproved = "publication_approved"
        case statementPublished = "statement_published"
        case commentsClosed = "comments_closed"
        case commentPosted = "comment_posted"
        case commentHidden = "comment_hidden"
        case commentModerated = "comment_moderated"
        case reviewProgrammeCreated = "review_programme_created"
        case backupTaken = "backup_taken"
        case databaseRestored = "database_restored"
        case subjectAccessExported = "subject_access_exported"
        case erasureProposed = "erasure_proposed"
        case erasureDecided = "erasure_decided"
    }

    public var kind: Kind {
        switch self {
        case .rolesChanged: .rolesChanged
        case .accountInvited: .accountInvited
        case .administratorCreated: .administratorCreated
        case .accountDeactivated: .accountDeactivated
        case .accountReactivated: .accountReactivated
        case .passwordReset: .passwordReset
        case .resetLinkPrinted: .resetLinkPrinted
        case .resetLinkSent: .resetLinkSent
        case .apiTokenCreated: .apiTokenCreated
        case .apiTokenRevoked: .apiTokenRevoked
        case .calendarFeedCreated: .calendarFeedCreated
        case .calendarFeedRevoked: .calendarFeedRevoked
        case .settingsChanged: .settingsChanged
        case .registerImported: .registerImported
        case .rulebookImported: .rulebookImported
        case .publicationUploaded: .publicationUploaded
        case .redactionsReviewed: .redactionsReviewed
        case .redactionsMarked: .redactionsMarked
        case .publicationApproved: .publicationApproved
        case .statementPublished: .statementPublished
        case .commentsClosed: .commentsClosed
        case .commentPosted: .commentPosted
        case .commentHidden: .commentHidden
        case .commentModerated: .commentModerated
        case .reviewProgrammeCreated: .reviewProgrammeCreated
        case .backupTaken: .backupTaken
        case .databaseRestored: .databaseRestored
        case .subjectAccessExported: .subjectAccessExported
        case .erasureProposed: .erasureProposed
        case .erasureDecided: .erasureDecided
        }
    }

    public var payload: any Encodable & Sendable {
        switch self {
        case .rolesChanged(let p), .accountInvited(let p), .administratorCreated(let p): p
        case .accountDeactivated(let p), .accountReactivated(let p), .passwordReset(let p), .resetLinkPrinted(let p), .resetLinkSent(let p): p
        case .apiTokenCreated(let p), .apiTokenRevoked(let p), .calendarFeedCreated(let p), .calendarFeedRevoked(let p): p
        case .settingsChanged(let p): p
        case .registerImported(let p): p
        case .rulebookImported(let p): p
        case .publicationUploaded(let p): p
        case .redactionsReviewed(let p): p
        case .redactionsMarked(let p): p
        case .publicationApproved(let p): p
        case .statementPublished(let p): p
        case .commentsClosed(let p): p
        case .commentPosted(let p): p
        case .commentHidden(let p): p
        case .commentModerated(let p): p
        case .reviewProgrammeCreated(let p): p
        case .backupTaken(let p), .databaseRestored(let p): p
        case .subjectAccessExported(let p): p
        case .erasureProposed(let p): p
        case .erasureDecided(let p): p
        }
    }

    /// Administrative acts: who may do what, and the rules and settings. The audit page lists
    /// these, and the person concerned and the auditors are told of each.
    public static let administrativeKinds: [Kind] = [
        .rolesChanged, .accountInvited, .administratorCreated, .accountDeactivated, .accountReactivated,
        .settingsChanged, .registerImported, .rulebookImported, .resetLinkPrinted,
        .resetLinkSent, .passwordReset, .apiTokenCreated, .apiTokenRevoked,
        .calendarFeedCreated, .calendarFeedRevoked, .backupTaken, .databaseRestored, .erasureProposed, .erasureDecided,
    ]
}
