import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing
import Vapor

@testable import DocketWeb

/// A member's copy of everything Docket holds about them, from their account page and from the
/// command line: all of their cases, nobody else's name.
@Suite("Subject access", .serialized)
struct SubjectAccessTests {
    /// The demo member who is a party to the most cases, and those cases' references.
    static func busiestMember(_ t: TestApp) async throws -> (Person, Set<String>) {
        let rows = try await CaseMembership.query(on: t.app.db).all().filter { SubjectAccessExport.standings.contains($0.relation) }
        let counts = Dictionary(grouping: rows, by: \.personId).mapValues { Set($0.map(\.caseId)) }
        let (id, cases) = try #require(counts.max { $0.value.count < $1.value.count })
        let person = try #require(try await Person.find(id, on: t.app.db))
        let refs = try await CaseSummary.query(on: t.app.db).filter(\.$id ~~ Array(cases)).all().map(\.reference)
        return (person, Set(refs))
    }

    /// Other members on the register, whose names must not appear in `person`'s export.
    static func otherMembers(_ t: TestApp, than person: Person) async throws -> [Person] {
        try await Person.query(on: t.app.db).all().filter { $0.id != person.id && $0.membershipNumber != nil && !$0.isPublic }
    }

    @Test func a_member_downloads_all_their_cases_and_no_other_members_name() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let org = try await t.simulate(cases: 40, seed: 31)
            var (member, expected) = try await Self.busiestMember(t)
            let others = try await Self.otherMembers(t, than: member)
            // One more complaint, in the member's own words, naming another member and giving
            // their address and membership number.
            let named = others[0], witness = others[1]
            let store = try await t.app.docket.store(on: t.app.db)
            let words =
                "At the branch meeting \(named.displayName) shouted at me; \(witness.displayName) (\(witness.email!), \(witness.membershipNumber!)) saw it."
            let memberId = try member.requireID(), respondentId = try named.requireID(), memberName = member.displayName
            let filed = try await store.file(by: member.actor, at: t.clock.now, on: t.app.db) { id, reference in
                Complaint(
                    caseId: id, reference: reference, complainantId: memberId, complainantName: memberName, relation: .directlyAffected,
                    respondentId: respondentId, respondentIsOfficial: false, category: "bullying", summary: words, conductDate: nil)
            }
            expected.insert(filed.reference)
            _ = org
            member.passwordHash = try TestApp.hash("long enough password")
            try await member.save(on: t.app.db)
            member = try #require(try await Person.find(memberId, on: t.app.db))

            let web = WebClient(t)
            try await web.signIn(member.email!, "long enough password")
            let page = try await web.get(SiteURL.yourData)
            #expect(page.status == .ok)
            #expect(page.body.contains("Download as data (JSON)"))
            #expect(page.body.contains("Dismissed at triage: 1 year after closure"))

            let json = try await web.get(SiteURL.yourDataJSON)
            #expect(json.status == .ok)
            #expect(json.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let export = try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as! [String: Any]
            let cases = try #require(export["cases"] as? [[String: Any]])
            #expect(Set(cases.compactMap { $0["reference"] as? String }) == expected)
            #expect((export["account"] as? [String: Any])?["name"] as? String == member.displayName)
            // Every case shows who read it; the member's own reads are theirs.
            #expect(cases.allSatisfy { $0["reads"] is [Any] })
            // The member's own words are there, with the others redacted out of them.
            let mine = try #require(cases.first { $0["reference"] as? String == filed.reference }?["file"] as? [String: Any])
            let summary = try #require(mine["summary"] as? String)
            #expect(summary.hasPrefix("At the branch meeting Member "), "\(summary)")
            #expect(summary.contains("shouted at me"))

            let html = try await web.get(SiteURL.yourDataHTML)
            #expect(html.status == .ok)
            #expect(html.body.contains("Your data held by"))
            #expect(html.body.contains(filed.reference))
            for body in [json.body, html.body] {
                for other in others {
                    #expect(!body.contains(other.displayName), "\(other.displayName) is in the export")
                    #expect(!body.contains(other.email!), "\(other.email!) is in the export")
                    #expect(!body.contains(other.membershipNumber!), "\(other.membershipNumber!) is in the export")
                }
                #expect(body.contains(member.displayName))
            }
            // Each download is on the chain, with the member as its actor; they are told by e-mail.
            let recorded = try await EventRecord.query(on: t.app.db).filter(\.$kind == RecordEvent.Kind.subjectAccessExported.rawValue).all()
            #expect(recorded.count == 2)
            #expect(recorded.allSatisfy { $0.actorId == memberId && $0.caseId == memberId })
            #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$to == member.email!).count() >= 2)
            // Signed out, there is nothing to download.
            let anonymous = WebClient(t)
            #expect(try await anonymous.get(SiteURL.yourDataJSON).status != .ok)
        }
    }

    @Test func an_administrator_answers_a_written_request_on_the_command_line() async throws {
        let kind = try TestDatabase.fresh()
        final class Seen: @unchecked Sendable { var number = ""; var expected: Set<String> = []; var others: [Person] = []; var name = "" }
        let seen = Seen()
        try await TestApp.run(on: kind, keep: true) { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 20, seed: 8)
            let (member, expected) = try await Self.busiestMember(t)
            seen.number = member.membershipNumber!; seen.expected = expected; seen.name = member.displayName
            seen.others = try await Self.otherMembers(t, than: member)
        }
        let dir = NSTemporaryDirectory() + "docket-sar-\(UUID().uuidString)/"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try await LiveServer.command(["subject-access", "--membership-number", seen.number, "--out", dir + "sar.json"], on: kind)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Recorded on the chain"))
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "sar.json"))
        let export = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(Set((export["cases"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }) == seen.expected)
        let text = String(decoding: data, as: UTF8.self)
        for other in seen.others { #expect(!text.contains(other.displayName)) }
        let page = try await LiveServer.command(["subject-access", "--membership-number", seen.number, "--out", dir + "sar.html"], on: kind)
        #expect(page.status == 0, "\(page.err)")
        #expect(try String(contentsOfFile: dir + "sar.html", encoding: .utf8).contains(seen.name))
        let again = try await LiveServer.command(["subject-access", "--membership-number", seen.number, "--out", dir + "sar.json"], on: kind)
        #expect(again.status != 0 && again.err.contains("already exists"))
        let nobody = try await LiveServer.command(["subject-access", "--membership-number", "Z9999999", "--out", dir + "x.json"], on: kind)
        #expect(nobody.status != 0 && nobody.err.contains("nobody has the membership number Z9999999"), "\(nobody.err)")
        try await TestApp.run(on: kind, keep: false) { t in
            let recorded = try await EventRecord.query(on: t.app.db).filter(\.$kind == RecordEvent.Kind.subjectAccessExported.rawValue).all()
            #expect(recorded.count == 2)
            #expect(recorded.allSatisfy { $0.actorId == nil })
        }
    }
}
