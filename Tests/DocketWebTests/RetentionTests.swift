import DocketCore
import DocketStore
import Fluent
import Foundation
import SQLKit
import Testing

@testable import DocketWeb

/// Retention by the schedule, with erasure by destroying keys: a decade passes over a year and a
/// half of cases, and what the schedule says must go is gone from the database's bytes, while
/// the record still verifies and the published figures do not move.
@Suite("Retention and erasure", .serialized)
struct RetentionTests {
    /// Files a complaint from a non-member, with a file and a contact address, and dismisses it.
    static func dismissedNonMemberCase(_ t: TestApp, org: DemoOrganisation, name: String, email: String, evidence: Data) async throws -> CaseFile {
        let store = try await t.app.docket.store(on: t.app.db)
        let item = EvidenceItem(
            id: UUID(), filename: "\(name) statement.pdf", contentType: "application/pdf", size: evidence.count, sha256: EvidenceUpload.sha256(evidence))
        let now = t.clock.now
        let intake = Actor(id: IntakeController.publicIntake, roles: [])
        let respondent = org.members[3].id
        let filed = try await store.file(
            by: intake, at: now, on: t.app.db, evidence: [item],
            alongside: { file, tx in
                try await EvidenceFile(item: item, caseId: file.id, data: evidence, at: now).create(on: tx)
                try await Receipt(caseId: file.id, codeHash: TokenHash.of(UUID().uuidString), contactEmail: email).create(on: tx)
            }
        ) { id, reference in
            Complaint(
                caseId: id, reference: reference, complainantId: nil, complainantName: name, relation: .directlyAffected,
                respondentId: respondent, respondentIsOfficial: false, category: "bullying",
                summary: "\(name) was shouted at by the branch treasurer at the meeting.", conductDate: nil)
        }
        let pool = try await Person.candidates(with: .caseworker, on: t.app.db)
        var file = try await store.execute(.allocateCaseworker(pool: pool, seed: 7), on: filed.id, by: org.governance[0], at: now, on: t.app.db)
        let workerId = try #require(file.caseworkerId)
        let worker = try #require(org.everyone[workerId])
        file = try await store.execute(.dismiss(reasons: "\(name) withdrew the complaint in writing."), on: filed.id, by: worker, at: now, on: t.app.db)
        #expect(file.stage == .dismissed)
        return file
    }

    /// Every quarter's report, as its CSV and its figures in JSON: what erasure must not change.
    static func reports(_ t: TestApp, quarters: [String]) async throws -> [String: Data] {
        var out: [String: Data] = [:]
        for q in quarters {
            let r = try await OversightData.report(period: q, threshold: 5, on: t.app.db, services: t.app.docket)
            out[q + ".csv"] = Data(r.csv.utf8)
            out[q + ".json"] = try DocketJSON.encoder.encode(r.sections)
        }
        return out
    }

    /// The database's files as bytes: the main file and, on SQLite, its write-ahead log.
    static func bytes(_ path: String) -> Data {
        var all = Data()
        for p in [path, path + "-wal"] { all.append(FileManager.default.contents(atPath: p) ?? Data()) }
        return all
    }

    @Test func a_decade_of_retention_erases_what_the_schedule_says_and_the_record_and_the_figures_stand() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let org = try await t.simulate(cases: 40, seed: 23)
            let db = t.app.db
            // Three non-members' complaints, each with a file and an address, dismissed today.
            var nonMembers: [(file: CaseFile, name: String, email: String, evidence: Data)] = []
            for n in 1...3 {
                let name = "Quentin Zabriskie-\(n)", email = "quentin.zabriskie.\(n)@example.net"
                let evidence = Data("%PDF-1.4 statement of Quentin Zabriskie number \(n), witnessed \(UUID().uuidString)".utf8)
                nonMembers.append((try await Self.dismissedNonMemberCase(t, org: org, name: name, email: email, evidence: evidence), name, email, evidence))
            }
            // A legal hold on one of them: retention must pass it over.
            let store = try await t.app.docket.store(on: db)
            let held = nonMembers[2].file
            let governance = org.governance[0], member = org.members[5]
            _ = try await store.append(held.id, by: governance, at: t.clock.now, on: db) { f in
                try store.procedure.legalHold(f, place: true, reasons: "Employment tribunal claim ET/1234/26 pending.", by: governance)
            }
            // A member without a committee role cannot lift it.
            await #expect(throws: DueProcessError.self) {
                _ = try await store.append(held.id, by: member, at: t.clock.now, on: db) { f in
                    try store.procedure.legalHold(f, place: false, reasons: "No.", by: member)
                }
            }

            let ids = try await CaseSummary.query(on: db).all().compactMap(\.id)
            var files: [CaseID: CaseFile] = [:]
            for id in ids { files[id] = try await store.load(id, on: db) }
            let ended = files.values.filter { RetentionClass.of($0) != nil }
            #expect(Set(ended.compactMap { RetentionClass.of($0) }).count >= 3, "the simulation ends cases in several ways")
            // What people wrote reads as written before any erasure.
            #expect(try await store.load(nonMembers[0].file.id, on: db)?.outcomeReasons == "Quentin Zabriskie-1 withdrew the complaint in writing.")

            let first = ids.compactMap { files[$0]?.receivedAt }.min()!
            var quarters: [String] = []
            var day = t.app.docket.config.calendar.day(of: first)
            while day <= t.app.docket.config.calendar.day(of: t.clock.now) {
                let c = day.civil
                let q = "\(c.year)-Q\((c.month - 1) / 3 + 1)"
                if !quarters.contains(q) { quarters.append(q) }
                day = day.adding(days: 28)
            }
            let before = try await Self.reports(t, quarters: quarters)
            let keysBefore = try await SubjectKey.query(on: db).all()
            let notices = try await DocketStore.Notification.query(on: db).all()

            // Three years on: the short periods have run out; the long ones have not.
            let calendar = store.procedure.calendar
            let today = calendar.day(of: t.clock.now)
            let dry = try await RetentionRun.run(
                on: today.adding(months: 36), dryRun: true, store: store, at: t.clock.now, on: db, sqlite: nil)
            #expect(!dry.erased.isEmpty)
            #expect(try await CaseSummary.query(on: db).filter(\.$erasedAt != nil).count() == 0, "a dry run erases nothing")

            // Then the decade, a year at a time, as `serve` would run it each day.
            var erasedSoFar: Set<String> = []
            for year in 1...11 {
                let asOf = today.adding(months: 12 * year)
                t.clock.set(calendar.start(of: asOf).addingTimeInterval(3 * 3600))
                let run = try await RetentionRun.run(on: asOf, dryRun: false, store: store, at: t.clock.now, on: db, sqlite: t.sqlitePath)
                for e in run.erased {
                    #expect(!erasedSoFar.contains(e.reference), "erased twice: \(e.reference)")
                    erasedSoFar.insert(e.reference)
                    #expect(e.due <= asOf)
                }
                if !run.erased.isEmpty, !t.isPostgres { #expect(run.vacuum?.contains("vacuumed") == true, "\(run.vacuum ?? "no vacuum")") }
                if year == 3 {
                    // The dry run named exactly what the runs of the first three years erased.
                    #expect(Set(dry.erased.map(\.reference)) == erasedSoFar)
                }
                #expect(run.held.map(\.reference) == [held.reference])
            }
            // Every ended case but the held one is erased; every open case is untouched.
            let endedRefs = Set(ended.map(\.reference))
            #expect(erasedSoFar == endedRefs.subtracting([held.reference]))
            for (id, before) in files {
                let after = try #require(try await store.load(id, on: db))
                if erasedSoFar.contains(before.reference) {
                    #expect(after.erasedAt != nil)
                    #expect(after.summary == Sealing.erasedText)
                    #expect(after.complainantName == Sealing.erasedText)
                    // The structure stays: stage, dates, findings and sanction.
                    #expect(after.stage == before.stage)
                    #expect(after.receivedAt == before.receivedAt)
                    #expect(after.decision?.findings.map(\.finding) == before.decision?.findings.map(\.finding))
                    #expect(after.decision?.sanction == before.decision?.sanction)
                } else {
                    #expect(after.erasedAt == nil)
                    #expect(after.summary == before.summary)
                }
            }
            #expect(try await store.load(held.id, on: db)?.outcomeReasons == "Quentin Zabriskie-3 withdrew the complaint in writing.")

            // The record verifies, evidence of erased cases is not reported missing, and every
            // quarter's figures are byte for byte what they were.
            let (run, report) = try await t.app.docket.fullVerification(on: db, startedBy: nil)
            #expect(report != nil, "audit verify failed: \(run.detail ?? "")")
            let after = try await Self.reports(t, quarters: quarters)
            #expect(after == before)
            #expect(after.count == quarters.count * 2)

            // The erased cases' keys, files, addresses and notices are gone from the files' bytes.
            guard let path = t.sqlitePath else { return }
            let image = Self.bytes(path)
            func present(_ s: String) -> Bool { image.range(of: Data(s.utf8)) != nil }
            let erasedIds = Set(files.values.filter { erasedSoFar.contains($0.reference) }.map(\.id))
            #expect(!erasedIds.isEmpty)
            for key in keysBefore {
                #expect(present(key.key) == !erasedIds.contains(key.caseId), "key of case \(key.caseId)")
            }
            for (file, name, email, evidence) in nonMembers {
                let kept = file.id == held.id
                #expect((image.range(of: evidence) != nil) == kept, "evidence of \(name)")
                #expect(present(email) == kept, "\(email)")
                // Sealed in the events, a digest in the figures; the kept case still has its file, named by them.
                if !kept { #expect(!present(name), "\(name)") }
            }
            let keptBodies = Set(notices.filter { !erasedIds.contains($0.caseId) }.map(\.body))
            let goneBodies = Set(notices.filter { erasedIds.contains($0.caseId) }.map(\.body)).subtracting(keptBodies)
            #expect(!goneBodies.isEmpty)
            for body in goneBodies { #expect(!present(body), "notice: \(body)") }
        }
    }

    @Test func the_retention_command_reports_a_dry_run_then_erases_and_vacuums() async throws {
        let kind = try TestDatabase.fresh()
        guard case .sqlite = kind else { return }
        try await TestApp.run(on: kind, keep: true) { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 12, seed: 4)
        }
        let asOf = Day("2040-01-01")!.description
        let dry = try await LiveServer.command(["retention", "run", "--dry-run", "--as-of", asOf], on: kind)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("Would erase"), "\(dry.out)")
        #expect(dry.out.contains("dry run: nothing was changed"))
        let run = try await LiveServer.command(["retention", "run", "--as-of", asOf], on: kind)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("Erased"), "\(run.out)")
        #expect(run.out.contains("SQLite file vacuumed"), "\(run.out)")
        let again = try await LiveServer.command(["retention", "run", "--as-of", asOf], on: kind)
        #expect(again.out.contains("Erased 0 cases"), "\(again.out)")
        let verify = try await LiveServer.command(["audit", "verify"], on: kind)
        #expect(verify.status == 0, "\(verify.err)")
        let schedule = try await LiveServer.command(["retention", "schedule"], on: kind)
        #expect(schedule.out.contains("Dismissed at triage: 1 year after closure"), "\(schedule.out)")
        let bad = try await LiveServer.command(["retention", "run", "--as-of", "next tuesday"], on: kind)
        #expect(bad.status != 0)
        #expect(bad.err.contains("YYYY-MM-DD"), "\(bad.err)")
        try await TestApp.run(on: kind, keep: false) { _ in }
    }
}

extension TestApp {
    var sqlitePath: String? { if case .sqlite(let p) = kind { p } else { nil } }
}
