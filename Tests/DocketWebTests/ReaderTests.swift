import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// Fast pages for readers, without giving up what makes them right: a public page computed
/// once per position of the log and answered 304 when unchanged; reads of case files chained
/// by group commit, each answered only once its entry is durable; case files kept by their last
/// event and brought up to date, never stale.
@Suite("Pages for readers")
struct ReaderTests {
    static let password = "long enough password"

    @Test func a_public_page_is_computed_once_per_position_and_answers_304_when_unchanged() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 20, seed: 5)
            let reader = WebClient(t)
            let first = try await reader.get("/reports/2026-Q1")
            #expect(first.status == .ok && first.headers.first(name: .cacheControl) == "public, no-cache")
            let etag = try #require(first.headers.first(name: .eTag))
            let misses = t.app.docket.publicPages.misses
            let again = try await reader.get("/reports/2026-Q1")
            #expect(again.body == first.body && again.headers.first(name: .eTag) == etag)
            #expect(t.app.docket.publicPages.misses == misses, "the second request was computed again")
            // A reader who has it already is told so, with no body.
            let unchanged = try await reader.get("/reports/2026-Q1", headers: [(.ifNoneMatch, etag)])
            #expect(unchanged.status == .notModified && unchanged.body.isEmpty)
            #expect(unchanged.headers.first(name: .contentSecurityPolicy) != nil, "security headers on every answer")
            // Anything new on the record is a new position: the page is computed again.
            let member = try await t.user("New Member", [.member], number: "A0999999")
            _ = try await t.call(
                .POST, "/api/v1/cases", as: member,
                json: ["respondent_membership_number": "A0000002", "relation": "witness", "category": "bullying", "summary": "Seen."])
            let moved = try await reader.get("/reports/2026-Q1", headers: [(.ifNoneMatch, etag)])
            #expect(moved.status == .ok && moved.headers.first(name: .eTag) != etag)
            #expect(t.app.docket.publicPages.misses == misses + 1)
            // A signed-in reader's page is theirs alone: never kept, never shared.
            let account = try await t.account("Signed In", [.member])
            let signed = WebClient(t)
            try await signed.signIn(account.person.email!, Self.password)
            let own = try await signed.get("/reports/2026-Q1")
            #expect(own.status == .ok && own.headers.first(name: .eTag) == nil && own.body.contains("Signed in as"))
            #expect(!(try await reader.get("/reports/2026-Q1")).body.contains("Signed in as"))
            #expect(try await WebSession.query(on: t.app.db).count() == 1, "anonymous readers leave no session row")
        }
    }

    @Test func reads_that_arrive_together_are_chained_in_one_transaction_and_the_chain_verifies() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 6, seed: 3)
            let ids = try await CaseSummary.query(on: t.app.db).all().map { $0.id! }
            let writer = AccessLogWriter()
            let before = try await AccessRecord.query(on: t.app.db).count()
            let db = t.app.db
            let now = t.clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<60 {
                    let id = ids[i % ids.count]
                    group.addTask {
                        try await writer.record(.init(caseId: id, actorId: nil, purpose: "test: read \(i)", at: now), on: db)
                        // Answered only once the entry is in the database.
                        #expect(try await AccessRecord.query(on: db).filter(\.$purpose == "test: read \(i)").count() == 1)
                    }
                }
                try await group.waitForAll()
            }
            #expect(await writer.reads == 60)
            #expect(await writer.batches < 60, "reads arriving together share a commit")
            #expect(try await AccessRecord.query(on: t.app.db).count() == before + 60)
            #expect(try await AuditVerifier.verify(on: t.app.db).accesses == Int64(before + 60))
        }
    }

    @Test func the_access_log_on_the_audit_page_pages_by_fifty_and_filters_by_case() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 4, seed: 2)
            let cases = try await CaseSummary.query(on: t.app.db).sort(\.$reference).all()
            for i in 0..<70 {
                try await AccessLog.record(caseId: cases[i % 2].id!, actorId: nil, purpose: "test: read \(i)", at: t.clock.now, on: t.app.db)
            }
            let auditor = try await t.account("Ada Auditor", [.auditor])
            let web = WebClient(t)
            try await web.signIn(auditor.person.email!, Self.password)
            func purposes(_ page: WebClient.Page) -> [String] {
                page.body.components(separatedBy: "<td data-label=\"How\">test: read ").dropFirst().map { String($0.prefix { $0 != "<" }) }
            }
            let first = try await web.get(SiteURL.audit)
            #expect(purposes(first) == (20..<70).reversed().map(String.init))
            let older = try #require(first.body.range(of: #"href="/audit\?reads_after=\d+_\d+""#, options: .regularExpression))
            let next = String(first.body[older].dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&")
            #expect(purposes(try await web.get(next)) == (0..<20).reversed().map(String.init))
            // One case, by its reference: only its reads.
            let one = try await web.get(SiteURL.withQuery(SiteURL.audit, [("reads_case", cases[1].reference)]))
            #expect(purposes(one) == stride(from: 69, through: 1, by: -2).map(String.init))
            #expect(one.body.contains("value=\"\(cases[1].reference)\""))
        }
    }

    @Test func a_kept_case_file_is_brought_up_to_date_and_matches_a_full_replay() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 12, seed: 8)
            let store = try await t.app.docket.store(on: t.app.db)
            #expect(store.cache != nil)
            let governance = try await t.account("Gov Reader", [.governance])
            let web = WebClient(t)
            try await web.signIn(governance.person.email!, Self.password)
            let member = try await t.user("New Member", [.member], number: "A0999999")
            let respondent = try #require(
                try await Person.query(on: t.app.db).all().first { $0.roles == [.member] && $0.membershipNumber != nil && $0.id != member.id })
            let r = try await t.call(
                .POST, "/api/v1/cases", as: member,
                json: [
                    "respondent_membership_number": respondent.membershipNumber!, "relation": "witness", "category": "bullying", "summary": "Seen.",
                ])
            let id = try #require((r["id"] as? String).flatMap(UUID.init(uuidString:)))
            let page = try await web.get(SiteURL.caseFile(id))
            #expect(page.status == .ok && page.body.contains(CaseStage.received.title))
            // A step taken after the copy was kept shows at once.
            let step = try await web.post(SiteURL.caseStep(id, "allocate-caseworker"))
            #expect(step.status == .seeOther)
            let after = try await web.get(SiteURL.caseFile(id))
            #expect(after.body.contains(CaseStage.triage.title))
            // Every kept copy equals a replay of the log.
            for summary in try await CaseSummary.query(on: t.app.db).all() {
                let kept = try await store.load(summary.id!, on: t.app.db)
                let replayed = store.procedure.replay(try await EventRecord.forCase(summary.id!, on: t.app.db))
                #expect(kept == replayed)
            }
            // Under other settings the copy is not used: the case is replayed under them.
            var changed = store
            changed.procedure.policy.hearingNoticeWorkingDays += 1
            #expect(try await changed.load(id, on: t.app.db) == changed.procedure.replay(try await EventRecord.forCase(id, on: t.app.db)))
        }
    }
}
