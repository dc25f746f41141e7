import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// The authorization matrix, generated from the step catalogue and asserted on outcomes: over
/// cases at every stage, each person with a part (and some without) posts every step with a
/// valid body through the API. A step is accepted, and an event appended, exactly when the core
/// offers it to that person; otherwise it is refused and nothing is written.
@Suite("Every step, every person, by outcome")
struct StepOutcomeMatrixTests {
    func body(_ step: CaseStep, file: CaseFile, procedure: Procedure, now: Date, helper: Person, actor: Actor) -> [String: Any]? {
        let today = procedure.calendar.day(of: now)
        let words = "Given for this step."
        switch step {
        case .identifyRespondent: return ["membership_number": helper.membershipNumber ?? ""]
        case .allocateCaseworker, .appointPanel, .appointAppealPanel: return nil
        case .dismiss, .openInvestigation, .close, .declareConflict, .pauseClock, .resumeClock, .liftSuspension: return ["reasons": words]
        case .resolve: return ["summary": words, "complainant_consents": true, "respondent_consents": true]
        case .allegations:
            return ["clause_id": procedure.rulebook.version(inForceOn: today)?.clauses.first?.id ?? "", "conduct_date": today.description, "basis": words]
        case .correctAllegation:
            return [
                "number": file.allegations.first?.number ?? 1, "clause_id": procedure.rulebook.version(inForceOn: today)?.clauses.first?.id ?? "",
                "conduct_date": today.description, "basis": words, "reasons": words,
            ]
        case .withdrawAllegation: return ["number": file.allegations.first?.number ?? 1, "reasons": words]
        case .serveNotice: return ["window_working_days": procedure.policy.minimumResponseWorkingDays]
        case .representative: return ["person_id": helper.id!.uuidString]
        case .respond: return ["text": words, "requests_oral_hearing": false]
        case .report, .note: return ["text": words]
        case .hearing: return ["notes": words]
        case .scheduleHearing:
            let day = procedure.calendar.adding(workingDays: procedure.policy.hearingNoticeWorkingDays, to: today)
            return ["starts_at": Instant.string(procedure.calendar.start(of: day).addingTimeInterval(36_000)), "place": words]
        case .objectToPanelMember: return ["member": (file.panel?.members.first ?? helper.id!).uuidString, "reasons": words]
        case .decideObjection:
            return ["number": file.objections.first { $0.upheld == nil }?.number ?? file.objections.count + 1, "upheld": false, "reasons": words]
        case .requestAdjournment: return ["reasons": words]
        case .decideAdjournment:
            return ["number": file.adjournments.first { $0.granted == nil }?.number ?? file.adjournments.count + 1, "granted": false, "reasons": words]
        case .vote: return ["concurs": true, "reasons": words]
        case .message: return ["thread": procedure.messageThreads(file, for: actor, at: now).first?.rawValue ?? "complainant", "text": words]
        case .discloseMessage: return ["number": file.messages.first { !$0.disclosed }?.number ?? file.messages.count + 1, "reasons": words]
        case .decide: return ["findings": file.allegations.map { ["allegation": $0.number, "finding": "not_upheld", "reasons": words] }]
        case .appeal: return ["grounds": words]
        case .decideAppeal: return ["outcome": "dismissed", "reasons": words]
        case .suspend: return ["reasons": words, "scope": words, "review_date": procedure.calendar.adding(workingDays: 1, to: today).description]
        case .renewSuspension:
            return [
                "reasons": words, "review_date": procedure.calendar.adding(workingDays: procedure.policy.maximumSuspensionWorkingDays, to: today).description,
            ]
        case .interference: return ["from": words, "summary": words]
        case .reviewDecision: return ["verdict": "verified", "reasons": words]
        case .concludeReview: return ["conclusion": "stands", "reasons": words]
        case .evidence: return nil
        case .withholdIdentity, .requestReveal, .concurSuspension: return ["reasons": words]
        case .decideReveal: return ["number": file.reveals.first { $0.revealed == nil }?.number ?? file.reveals.count + 1, "reveal": false, "reasons": words]
        case .decideFlag:
            return [
                "number": file.retaliationFlags.first { $0.confirmed == nil }?.number ?? file.retaliationFlags.count + 1, "confirmed": false, "reasons": words,
            ]
        }
    }

    /// One case at each stage, with whom to try on it: its parties, its case team and panels,
    /// staff of every role (none of whom has a part), and `extra`.
    static func oneCasePerStage(_ t: TestApp, _ store: CaseStore, adding extra: [UUID]) async throws -> [(UUID, Set<UUID>)] {
        let staff = try await Person.query(on: t.app.db).all().filter { !$0.roles.isDisjoint(with: [.governance, .reviewer, .editor, .auditor, .admin]) }
        var seen: Set<CaseStage> = []
        var out: [(UUID, Set<UUID>)] = []
        for summary in try await CaseSummary.query(on: t.app.db).sort(\.$reference).all() {
            guard let stage = CaseStage(rawValue: summary.stage), seen.insert(stage).inserted else { continue }
            let file = try #require(try await store.load(summary.id!, on: t.app.db))
            var who = [file.complainantId, file.respondentId, file.caseworkerId, file.representativeId].compactMap { $0 }
            who += (file.panel?.members ?? []) + (file.appealPanel?.members ?? []) + staff.prefix(8).map { $0.id! } + extra
            out.append((summary.id!, Set(who)))
        }
        return out
    }

    @Test func each_step_is_accepted_exactly_when_offered_and_writes_nothing_when_refused() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 30, seed: 9)
            let store = try await t.app.docket.store(on: t.app.db)
            let procedure = store.procedure
            // Someone with no part anywhere, to be named as a representative or identified.
            let helper = Person(displayName: "Hal Helper", email: "hal@example.org", membershipNumber: "H0000001", roles: [.member])
            try await helper.create(on: t.app.db)
            let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: t.app.db).all().map { ($0.id!, $0) })
            var users: [UUID: TestApp.User] = [:]
            func user(_ id: UUID) async throws -> TestApp.User? {
                if let u = users[id] { return u }
                guard let p = people[id] else { return nil }
                let u = TestApp.User(person: p, token: try await TokenHash.issue(to: id, label: "matrix", on: t.app.db))
                users[id] = u
                return u
            }
            var checked = 0, accepted = 0
            for (id, who) in try await Self.oneCasePerStage(t, store, adding: [helper.id!]) {
                for person in who {
                    guard let u = try await user(person) else { continue }
                    for step in CaseStep.allCases where step != .evidence {
                        let file = try #require(try await store.load(id, on: t.app.db))
                        let offered = procedure.offers(step, in: file, to: u.person.actor, at: t.clock.now)
                        let before = try await EventRecord.query(on: t.app.db).count()
                        let r = try await t.call(
                            .POST, "/api/v1/cases/\(id.uuidString.lowercased())/\(step.rawValue)", as: u,
                            json: body(step, file: file, procedure: procedure, now: t.clock.now, helper: helper, actor: u.person.actor))
                        let after = try await EventRecord.query(on: t.app.db).count()
                        #expect(
                            (r.status == .ok) == offered,
                            "\(step.rawValue) by \(u.person.roles) at \(file.stage.rawValue): \(r.status) \(r.message ?? ""), offered \(offered)")
                        #expect((after > before) == (r.status == .ok), "\(step.rawValue): \(r.status) but events \(before) → \(after)")
                        if r.status != .ok { #expect([403, 404, 409, 422].contains(r.status.code), "\(step.rawValue): \(r.status)") }
                        checked += 1
                        if r.status == .ok { accepted += 1 }
                    }
                }
            }
            #expect(checked > 400 && accepted > 15, "\(checked) checked, \(accepted) accepted")
        }
    }

    /// The web form of a step's body: the API's names in camel case, lists indexed as the forms
    /// write them (`findings[0][reasons]`), a representative by e-mail address as on the page.
    static func form(_ step: CaseStep, _ body: [String: Any]?, helper: Person) -> [(String, String)] {
        if step == .representative { return [("email", helper.email!)] }
        // On the page a notice is served from its preview, with the confirmation the preview sends;
        // every step that cannot be taken back is sent from its check page, confirmed.
        if step == .serveNotice { return [("windowWorkingDays", "\(body?["window_working_days"] ?? 10)"), ("confirmed", "true")] }
        func camel(_ key: String) -> String {
            let parts = key.split(separator: "_")
            return ([String(parts[0])] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }).joined()
        }
        var fields: [(String, String)] = []
        for (key, value) in (body ?? [:]).sorted(by: { $0.key < $1.key }) {
            switch value {
            case let list as [[String: Any]]:
                for (i, item) in list.enumerated() {
                    for (k, v) in item.sorted(by: { $0.key < $1.key }) { fields.append(("\(camel(key))[\(i)][\(camel(k))]", "\(v)")) }
                }
            // A ticked box is sent and an unticked one is not; a choice of yes or no always is.
            case let flag as Bool: if flag || ["upheld", "granted", "concurs"].contains(key) { fields.append((camel(key), "\(flag)")) }
            default: fields.append((camel(key), "\(value)"))
            }
        }
        return fields + (step.isIrreversible ? [("confirmed", "true")] : [])
    }

    /// The same matrix through the pages: a step taken answers 303 back to the case with its
    /// message; a refusal answers the case page again, with the problem in an error summary,
    /// and the outcome is also read from the record (an event appended, or none).
    @Test func each_web_step_is_accepted_exactly_when_offered_and_says_so_on_the_page() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 30, seed: 11)
            let store = try await t.app.docket.store(on: t.app.db)
            let procedure = store.procedure
            let helper = Person(displayName: "Hal Helper", email: "hal@example.org", membershipNumber: "H0000001", roles: [.member])
            try await helper.create(on: t.app.db)
            let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: t.app.db).all().map { ($0.id!, $0) })
            var clients: [UUID: WebClient] = [:]
            func client(_ id: UUID) async throws -> WebClient? {
                if let c = clients[id] { return c }
                guard let p = people[id], let email = p.email else { return nil }
                p.passwordHash = try TestApp.hash("long enough password")
                try await p.save(on: t.app.db)
                let c = WebClient(t)
                try await c.signIn(email, "long enough password")
                clients[id] = c
                return c
            }
            var checked = 0, accepted = 0
            for (id, who) in try await Self.oneCasePerStage(t, store, adding: []) {
                for person in who {
                    guard let web = try await client(person), let actor = people[person]?.actor else { continue }
                    for step in CaseStep.allCases where step != .evidence {
                        let file = try #require(try await store.load(id, on: t.app.db))
                        let offered = procedure.offers(step, in: file, to: actor, at: t.clock.now)
                        let before = try await EventRecord.query(on: t.app.db).count()
                        let fields = Self.form(
                            step, body(step, file: file, procedure: procedure, now: t.clock.now, helper: helper, actor: actor), helper: helper)
                        let r = try await web.post(SiteURL.caseStep(id, step.rawValue), fields)
                        let after = try await EventRecord.query(on: t.app.db).count()
                        let label = "\(step.rawValue) by \(actor.roles) at \(file.stage.rawValue)"
                        if r.status == .notFound {
                            // Outside the person's scope: the case is not theirs to see, let alone act on.
                            #expect(!offered, "\(label): 404, yet offered")
                            #expect(after == before)
                        } else {
                            let ok: Bool
                            if r.status == .seeOther {
                                #expect(r.location == SiteURL.caseFile(id), "\(label): \(r.status) to \(r.location ?? "-")")
                                ok = try await web.get(SiteURL.caseFile(id)).body.contains("<div class=\"flash ok\"")
                            } else {
                                #expect([403, 409, 422].contains(r.status.code), "\(label): \(r.status)")
                                ok = false
                            }
                            let refused = r.status != .seeOther && r.body.contains("<h2 id=\"error-summary-title\">There is a problem</h2>")
                            #expect(ok == offered && refused == !offered, "\(label): offered \(offered), page says ok \(ok), error \(refused)")
                            #expect((after > before) == offered, "\(label): offered \(offered), events \(before) → \(after)")
                        }
                        checked += 1
                        if after > before { accepted += 1 }
                    }
                }
            }
            #expect(checked > 400 && accepted > 15, "\(checked) checked, \(accepted) accepted")
        }
    }
}
