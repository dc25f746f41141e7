import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// Every read of a case file or its evidence through the web pages is on the access log, with
/// who read it and what; a refused read leaves nothing; auditors see the reads.
@Suite("The access log of web reads")
struct AccessLogTests {
    static let password = "long enough password"

    @Test func web_reads_of_a_case_file_and_its_evidence_are_logged_and_shown_to_auditors() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.account("Alice Complainant", [.member], number: "A1")
            _ = try await t.user("Bob Respondent", [.member], number: "A2")
            let caseworker = try await t.account("Cas Worker", [.caseworker])
            let governance = try await t.user("Gov Ernance", [.governance])
            let outsider = try await t.account("Out Sider", [.member], number: "A3")
            let auditor = try await t.account("Aud Itor", [.auditor])
            var r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "A2", "relation": "directly_affected", "category": "bullying", "summary": "Messages",
                ])
            let idText = try #require(r["id"] as? String)
            let id = try #require(UUID(uuidString: idText))
            let store = try await t.app.docket.store(on: t.app.db)
            let bytes = Data("the messages".utf8)
            let item = EvidenceItem(id: UUID(), filename: "messages.txt", contentType: "text/plain", size: bytes.count, sha256: EvidenceUpload.sha256(bytes))
            _ = try await store.execute(
                .addEvidence(item), on: id, by: complainant.person.actor, at: t.clock.now, on: t.app.db,
                alongside: EvidenceUpload.store([(item, bytes)], at: t.clock.now))
            r = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance)
            #expect(r.status == .ok)
            let before = try await AccessLog.entries(forCase: id, on: t.app.db).count

            let page = SiteURL.caseFile(id), evidence = "\(SiteURL.caseFile(id))/evidence/\(item.id.uuidString.lowercased())"
            let cas = WebClient(t); try await cas.signIn(caseworker.person.email!, Self.password)
            #expect(try await cas.get(page).status == .ok)
            let alice = WebClient(t); try await alice.signIn(complainant.person.email!, Self.password)
            let download = try await alice.get(evidence)
            #expect(download.status == .ok)
            #expect(download.body == "the messages")
            // Refused reads leave no entry: they were not reads.
            let out = WebClient(t); try await out.signIn(outsider.person.email!, Self.password)
            #expect(try await out.get(page).status == .notFound)
            #expect(try await out.get(evidence).status == .notFound)

            let entries = Array(try await AccessLog.entries(forCase: id, on: t.app.db).dropFirst(before))
            #expect(entries.map(\.purpose) == ["web: case file", "web: evidence \(item.id.uuidString.lowercased())"])
            #expect(!entries.contains { $0.purpose.contains("messages.txt") })  // auditors read this log
            #expect(entries.map(\.actorId) == [caseworker.id, complainant.id])
            #expect(!entries.contains { $0.actorId == outsider.id })

            // The auditor sees who read what, and the chain of reads verifies.
            let au = WebClient(t); try await au.signIn(auditor.person.email!, Self.password)
            let audit = try await au.get("/audit")
            #expect(audit.status == .ok)
            #expect(audit.body.contains("Cas Worker") && audit.body.contains("web: case file"))
            #expect(try await AuditVerifier.verify(on: t.app.db).accesses == Int64(before + 2))
        }
    }
}
