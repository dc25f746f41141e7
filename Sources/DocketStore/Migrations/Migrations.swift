import Fluent

/// Every migration, in order. A landed migration is never edited; a change is a new one.
public enum DocketMigrations {
    public static let all: [any Migration] = [
        M001_CreatePeople(),  // identities and API tokens
        M002_CreateRulebook(),  // versioned rulebook
        M003_CreateEventLog(),  // events, access log, chain heads
        M004_CreateProjections(),  // case lists, memberships, notifications
        M005_AppendOnlyOnPostgres(),  // the database refuses edits to the logs
        M006_CreateSessions(),  // sessions shared by every instance
        M007_CreateIntakeAndAccounts(),  // throttling, invitations, receipts, evidence, outbox, settings
        M008_CreatePublications(),  // documents in review and published, with their redactions
        M009_CreateReviewProgrammes(),  // rules that reopen past decisions for independent review
        M010_CreateStatements(),  // public statements, members' comments, reports, account messages
        M011_CreateOversightProjections(),  // one narrow row per case for oversight; interference register
        M012_CreateAuditRuns(),  // full verifications of the chains and where they reached
        M013_CreateWebSessions(),  // sessions for signed-in people only, by token hash; one-time form tokens
        M014_IndexNamesForMatching(),  // complaints matched to people by name without a scan
        M015_AccountDeactivation(),  // accounts deactivated, not deleted
        M016_TokensAndResets(),  // token expiry and last use; password-reset links
        M017_OwnDeadlines(),  // each person's own next deadline in a case
        M018_IndexEventKinds(),  // the last administrative acts without walking the log
        M019_CalendarFeeds(),  // private, revocable calendar feeds
        M020_OutboxAttachments(),  // a hearing notice's calendar entry
        M021_HeldUploads(),  // a complaint's file, held while the complainant checks their answers
        M022_CaseSearch(),  // full-text search over references, parties' names, kinds and stages
        M023_IndexListsByOrder(),  // cases newest first, a person's messages by position
        M024_IndexListOrders(),  // cases by last activity, the access log by reader
        M025_Retention(),  // per-person keys that seal case events; erased cases; no names in the figures
        M026_ErasedMembers(),  // digests of erased members' numbers and addresses, so an import does not bring them back
    ]
}
