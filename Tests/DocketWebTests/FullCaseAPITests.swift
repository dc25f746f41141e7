import DocketCore
import DocketStore
import Foundation
import Testing
import VaporTesting

@testable import DocketWeb

@Suite("A case from complaint to appeal over the JSON API")
struct FullCaseAPITests {
    @Test func a_complaint_goes_through_notice_hearing_decision_and_appeal() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.user("Alice Complainant", [.member], number: "A0000001")
            let respondent = try await t.user("Bob Respondent", [.member], number: "A0000002")
            let outsider = try await t.user("Carol Outsider", [.member], number: "A0000003")
            let caseworker = try await t.user("Dee Caseworker", [.caseworker])
            let governance = try await t.user("Eve Governance", [.governance])
            let auditor = try await t.user("Fay Auditor", [.auditor])
            var panel: [UUID: TestApp.User] = [:]
            for i in 1...6 { let p = try await t.user("Panel \(i)", [.panelMember]); panel[p.id] = p }

            // The member files a complaint about another member.
            var r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "A0000002", "relation": "directly_affected", "category": "bullying",
                    "summary": "Abusive messages after the branch meeting.", "conduct_date": "2026-02-10",
                ])
            #expect(r.status == .created)
            #expect(r["reference"] as? String == "DK-2026-00001")
            #expect(r["stage"] as? String == "received")
            let id = try #require(r["id"] as? String)
            let base = "/api/v1/cases/\(id)"

            // Nobody else can see it; nor can anyone unauthenticated; a made-up case looks the same.
            #expect(try await t.call(.GET, base, as: outsider).status == .notFound)
            #expect(try await t.call(.GET, "/api/v1/cases/\(UUID())", as: outsider).status == .notFound)
            #expect(try await t.call(.GET, base).status == .unauthorized)

            // Governance draws the caseworker; the caseworker triages, frames the allegation and serves notice.
            r = try await t.call(.POST, "\(base)/allocate-caseworker", as: governance)
            #expect(r.status == .ok)
            #expect(r["caseworker_id"] as? String == caseworker.id.uuidString)
            #expect(try await t.call(.POST, "\(base)/open-investigation", as: caseworker, json: ["reasons": "Prima facie breach"]).status == .ok)
            r = try await t.call(
                .POST, "\(base)/allegations", as: caseworker,
                json: [
                    "clause_id": "2.1", "conduct_date": "2026-02-10", "basis": "Messages of 10 February",
                ])
            #expect(r.status == .ok)
            r = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 5])
            #expect(r.status == .unprocessableEntity)
            #expect(r.message == "The response window must be at least 10 working days; 5 were given.")
            // A notice discloses only files of the case: what it lists is what the respondent can open.
            r = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 10, "disclosed_evidence": ["screenshots.pdf"]])
            #expect(r.status == .unprocessableEntity && r.code == "unknown_evidence", "\(r.text)")
            #expect(r.message?.contains("'screenshots.pdf' is not evidence in case DK-2026-00001") == true)
            r = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 10, "disclosed_evidence": [String]()])
            #expect(r["stage"] as? String == "notice_served")

            // The respondent reads the notice: each allegation with its clause, and the deadline.
            r = try await t.call(.GET, base, as: respondent)
            let notice = try #require(r["notice"] as? [String: Any])
            #expect(notice["response_deadline"] as? String == "2026-03-17T00:00:00.000Z")
            let allegation = try #require((r["allegations"] as? [[String: Any]])?.first)
            #expect(allegation["clause_title"] as? String == "Bullying and harassment")
            #expect(allegation["rulebook_version"] as? String == "2025")

            // A report cannot come before the response or the end of the window.
            r = try await t.call(.POST, "\(base)/report", as: caseworker, json: ["text": "Report"])
            #expect(r.status == .conflict)
            #expect(r.code == "response_window_open")

            t.advance(workingDays: 3)
            #expect(try await t.call(.POST, "\(base)/respond", as: respondent, json: ["text": "I deny it.", "requests_oral_hearing": true]).status == .ok)
            #expect(try await t.call(.POST, "\(base)/report", as: caseworker, json: ["text": "The messages were sent."]).status == .ok)

            r = try await t.call(.POST, "\(base)/appoint-panel", as: governance)
            let firstPanel = try #require(r["panel"] as? [String]).compactMap(UUID.init(uuidString:))
            #expect(firstPanel.count == 3)
            let chair = try #require(panel[firstPanel[0]])

            // The panel decides only after the oral hearing, with reasons, and a sanction outside guidance needs reasons.
            let findings: [[String: Any]] = [["allegation": 1, "finding": "upheld", "reasons": "The messages are abusive."]]
            r = try await t.call(.POST, "\(base)/decide", as: chair, json: ["findings": findings])
            #expect(r.code == "oral_hearing_pending")
            // The chair sets the hearing ten working days ahead, and the parties are told who sits.
            r = try await t.call(.POST, "\(base)/schedule-hearing", as: chair, json: ["starts_at": "2026-03-12T10:00:00Z", "place": "Room 1"])
            #expect(r.code == "hearing_notice_too_short")
            r = try await t.call(
                .POST, "\(base)/schedule-hearing", as: chair,
                json: ["starts_at": "2026-03-20T10:00:00Z", "place": "Room 1", "link": "https://meet.example.org/h"])
            #expect(r.status == .ok, "\(r.text)")
            #expect((r["hearing"] as? [String: Any])?["starts_at"] as? String == "2026-03-20T10:00:00.000Z", "\(r.text)")
            r = try await t.call(.GET, "/api/v1/notifications", as: respondent)
            let told = try #require(r.array.first { ($0["subject"] as? String)?.hasPrefix("Hearing of case DK-2026-00001") == true })
            #expect((told["body"] as? String)?.contains(try #require(panel[firstPanel[2]]).person.displayName) == true)
            #expect(try await t.call(.POST, "\(base)/hearing", as: chair, json: ["notes": "Heard both sides."]).code == "hearing_not_begun")
            t.advance(workingDays: 12)
            #expect(try await t.call(.POST, "\(base)/hearing", as: chair, json: ["notes": "Heard both sides."]).status == .ok)
            r = try await t.call(.POST, "\(base)/decide", as: chair, json: ["findings": findings, "sanction": "suspension"])
            #expect(r.code == "departure_needs_reasons")
            r = try await t.call(
                .POST, "\(base)/decide", as: chair,
                json: [
                    "findings": findings, "sanction": "suspension", "sanction_reasons": "Repeated after an informal warning.",
                ])
            // The chair proposes; the decision issues when a second member concurs.
            #expect(r["stage"] as? String == "hearing")
            r = try await t.call(.POST, "\(base)/vote", as: try #require(panel[firstPanel[1]]), json: ["concurs": true, "reasons": "Agreed."])
            #expect(r["stage"] as? String == "decided")

            // The respondent is told at once, with reasons.
            r = try await t.call(.GET, "/api/v1/notifications", as: respondent)
            let decision = try #require(r.array.first { ($0["subject"] as? String) == "Decision, case DK-2026-00001" })
            #expect((decision["body"] as? String)?.contains("Allegation 1: upheld. The messages are abusive.") == true)

            // An independent reviewer verifies the decision through the API's own step.
            let reviewer = try await t.user("Ray Reviewer", [.reviewer])
            r = try await t.call(.POST, "\(base)/review-decision", as: reviewer, json: ["verdict": "verified", "reasons": ""])
            #expect(r.status == .unprocessableEntity)
            r = try await t.call(.POST, "\(base)/review-decision", as: caseworker, json: ["verdict": "verified", "reasons": "Sound."])
            #expect(r.status == .forbidden)
            r = try await t.call(
                .POST, "\(base)/review-decision", as: reviewer, json: ["verdict": "verified", "reasons": "Findings and sanction follow the evidence."])
            #expect(r.status == .ok && r["stage"] as? String == "decided", "\(r.text)")

            // The appeal goes to a panel with none of the first panel's members.
            #expect(try await t.call(.POST, "\(base)/appeal", as: respondent, json: ["grounds": "Disproportionate."]).status == .ok)
            r = try await t.call(.POST, "\(base)/appoint-appeal-panel", as: governance)
            let appealPanel = try #require(r["appeal_panel"] as? [String]).compactMap(UUID.init(uuidString:))
            #expect(Set(appealPanel).isDisjoint(with: firstPanel))
            r = try await t.call(
                .POST, "\(base)/decide-appeal", as: try #require(panel[appealPanel[0]]),
                json: [
                    "outcome": "varied", "reasons": "A warning is proportionate for a first breach.", "sanction": "warning",
                ])
            r = try await t.call(.POST, "\(base)/vote", as: try #require(panel[appealPanel[1]]), json: ["concurs": true, "reasons": "Agreed."])
            #expect(r["stage"] as? String == "closed")
            #expect(r["appeal_outcome"] as? String == "varied")

            // Parties see the steps without internals; the auditor verifies the chain but sees no case.
            r = try await t.call(.GET, "\(base)/timeline", as: complainant)
            #expect(r.array.first?["kind"] as? String == "complaint_filed")
            #expect(r.array.allSatisfy { $0["payload"] == nil })
            #expect(!r.array.contains { $0["kind"] as? String == "allegation_added" })
            #expect(try await t.call(.GET, base, as: auditor).status == .notFound)
            r = try await t.call(.GET, "/api/v1/audit/verify", as: auditor)
            #expect(r["verified"] as? Bool == true)
            // Fourteen steps, and the hearing set, the two proposals and the two concurring votes.
            #expect(r["events"] as? Int == 19)
            #expect((r["access_entries"] as? Int ?? 0) >= 2)
            #expect(try await t.call(.GET, "/api/v1/audit/verify", as: governance).status == .notFound)

            let reads = try await AccessLog.entries(forCase: UUID(uuidString: id)!, on: t.app.db)
            #expect(reads.contains { $0.actorId == respondent.id && $0.purpose == "api: case file" })
        }
    }

    @Test func a_complaint_about_an_office_holder_is_hidden_from_them_and_from_governance() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.user("Alice", [.member], number: "A1")
            let official = try await t.user("Olga Secretary", [.member, .governance, .caseworker], official: true, number: "A2")
            let governance = try await t.user("Eve Governance", [.governance])
            let reviewer = try await t.user("Ray Reviewer", [.reviewer])
            var r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "Shouting at staff.",
                ])
            let id = try #require(r["id"] as? String)
            #expect(try await t.call(.GET, "/api/v1/cases/\(id)", as: governance).status == .notFound)
            #expect(try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance).status == .notFound)
            r = try await t.call(.GET, "/api/v1/cases/\(id)", as: official)
            #expect(r["your_access"] as? [String] == ["respondent"])
            #expect(r["summary"] == nil)
            r = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: reviewer)
            #expect(r["caseworker_id"] as? String == reviewer.id.uuidString)
            let list = try await t.call(.GET, "/api/v1/cases", as: governance)
            #expect(list.array.isEmpty)
        }
    }

    @Test func bad_input_gets_a_clear_error_and_writes_nothing() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let member = try await t.user("Alice", [.member], number: "A1")
            // A category must be one of the rulebook's, and the refusal lists them.
            var r = try await t.call(
                .POST, "/api/v1/cases", as: member,
                json: [
                    "relation": "witness", "category": String(repeating: "x", count: 15_000),
                    "summary": "x", "respondent_membership_number": "A2",
                ])
            #expect(r.status == .unprocessableEntity)
            #expect(r.code == "unknown_category")
            #expect(r.message?.contains("use one of: anti_black_racism, antisemitism, bullying") == true)
            #expect((r.message?.count ?? 0) < 400)
            r = try await t.call(.POST, "/api/v1/cases", as: member, json: ["relation": "witness", "category": "bullying", "summary": "x"])
            #expect(r.code == "respondent_required")
            r = try await t.call(.POST, "/api/v1/cases", as: member, json: ["relation": "witness"])
            #expect(r.status == .unprocessableEntity)
            #expect(r.message == "The field category is missing.")
            r = try await t.call(.POST, "/api/v1/cases", as: member, json: ["relation": "neighbour", "category": "c", "summary": "s"])
            #expect(r.status == .unprocessableEntity)
            #expect(r.message == "The field relation is invalid: 'neighbour' is not one of: directly_affected, witness, third_party.")
            r = try await t.call(
                .POST, "/api/v1/cases", as: member,
                json: [
                    "relation": "witness", "category": "bullying",
                    "summary": String(repeating: "a", count: 20_001), "respondent_name": "Bob",
                ])
            #expect(r.code == "too_long")
            #expect(r.message == "What happened is 20,001 characters long; the most it can be is 20,000.")
            #expect(try await CaseSummary.query(on: t.app.db).count() == 0)
            #expect(try await EventRecord.query(on: t.app.db).count() == 0)
        }
    }
}
