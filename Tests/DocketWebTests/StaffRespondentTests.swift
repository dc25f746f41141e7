import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// A complaint about anyone on the staff goes to the independent reviewers, whoever they are
/// complained about by and however they are named, and the complainant is not told who matched.
@Suite("Complaints about staff")
struct StaffRespondentTests {
    static let password = "long enough password"

    func route(_ t: TestApp, _ reference: String) async throws -> String? {
        try await CaseSummary.query(on: t.app.db).filter(\.$reference == reference).first()?.route
    }

    @Test func a_member_names_a_caseworker_on_the_form_and_the_case_goes_to_the_reviewers() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let member = try await t.account("Alice Member", [.member], number: "A1")
            _ = try await t.user("Cas Colleague", [.caseworker])  // staff, not on the register
            let other = try await t.account("Cas Other", [.caseworker])
            let governance = try await t.account("Gov Ernance", [.governance])
            let web = WebClient(t)
            try await web.signIn(member.person.email!, Self.password)
            var flashes: [String] = []
            for named in ["cas colleague", "Somebody Unknown"] {
                let page = try await web.upload(
                    "/complaints",
                    fields: [
                        ("respondent", named), ("relation", "directly_affected"),
                        ("summary", "Shouted at me."), ("clauses[]", "2.1"), ("confirmed", "true"),
                    ], file: nil)
                #expect(page.status == .seeOther)
                let received = try await web.get(page.location ?? "/cases")
                // What differs by nature: the reference, the case's id and the words typed.
                flashes.append(
                    received.body.replacingOccurrences(of: #"DK-\d{4}-\d{5}"#, with: "DK-…", options: .regularExpression)
                        .replacingOccurrences(of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, with: "ID", options: .regularExpression)
                        .replacingOccurrences(of: named, with: "NAMED"))
            }
            // The same answer whether the name matched someone on the staff or nobody: the case
            // page says who it is about in the complainant's own words.
            #expect(flashes[0].contains("NAMED (as you named them)"))
            #expect(!flashes[0].contains("Cas Colleague"))
            let differs = zip(flashes[0].split(separator: "\n"), flashes[1].split(separator: "\n")).filter { $0 != $1 }.map { "\($0.0) | \($0.1)" }
            #expect(differs.isEmpty, "\(differs.prefix(3))")
            let cases = try await CaseSummary.query(on: t.app.db).sort(\.$reference).all()
            #expect(cases.count == 2)
            #expect(cases.allSatisfy { $0.route == CaseRoute.independent.rawValue }, "\(cases.map(\.route))")
            // Nobody on the standard route sees either of them.
            for person in [governance, other] {
                let w = WebClient(t)
                try await w.signIn(person.person.email!, Self.password)
                for c in cases { #expect(try await w.get(SiteURL.caseFile(c.id!)).status == .notFound) }
                #expect(try await t.call(.GET, "/api/v1/cases", as: person).array.isEmpty)
            }
        }
    }

    /// A governance member's complaint about another is not read, allocated or handled by a third.
    @Test func a_governance_members_complaint_about_another_is_beyond_a_third() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let g1 = try await t.user("Gina One", [.governance, .member])
            _ = try await t.user("Gus Two", [.governance])
            let g3 = try await t.account("Gail Three", [.governance])
            let reviewer = try await t.user("Ray Reviewer", [.reviewer])
            let r = try await t.call(
                .POST, "/api/v1/cases", as: g1,
                json: [
                    "respondent_name": "Gus Two", "relation": "directly_affected", "category": "bullying", "summary": "In committee.",
                ])
            #expect(r.status == .created)
            let id = try #require(r["id"] as? String), reference = try #require(r["reference"] as? String)
            #expect(try await route(t, reference) == CaseRoute.independent.rawValue)
            #expect(try await t.call(.GET, "/api/v1/cases/\(id)", as: g3).status == .notFound)
            #expect(try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: g3).status == .notFound)
            let w = WebClient(t)
            try await w.signIn(g3.person.email!, Self.password)
            #expect(!(try await w.get("/governance")).body.contains(reference))
            #expect(try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: reviewer).status == .ok)
        }
    }

    /// A name that matches nobody waits for a reviewer; once they identify an ordinary member, the
    /// case joins the standard route, and only then does governance see it.
    @Test func an_unmatched_name_is_identified_by_a_reviewer_before_the_standard_route_sees_it() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let alice = try await t.user("Alice", [.member], number: "A1")
            _ = try await t.user("Robert Brown", [.member], number: "A2")
            let governance = try await t.user("Gov", [.governance])
            let reviewer = try await t.user("Ray Reviewer", [.reviewer])
            let r = try await t.call(
                .POST, "/api/v1/cases", as: alice,
                json: [
                    "respondent_name": "Bob from the east branch", "relation": "witness", "category": "bullying", "summary": "S",
                ])
            let id = try #require(r["id"] as? String), reference = try #require(r["reference"] as? String)
            #expect(try await route(t, reference) == CaseRoute.independent.rawValue)
            #expect(try await t.call(.GET, "/api/v1/cases/\(id)", as: governance).status == .notFound)
            let identified = try await t.call(.POST, "/api/v1/cases/\(id)/identify-respondent", as: reviewer, json: ["membership_number": "A2"])
            #expect(identified.status == .ok, "\(identified.text)")
            #expect(try await route(t, reference) == CaseRoute.standard.rawValue)
            #expect(try await t.call(.GET, "/api/v1/cases/\(id)", as: governance).status == .ok)
        }
    }
}
