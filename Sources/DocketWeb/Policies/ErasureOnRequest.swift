import DocketCore
import DocketStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Erasure on request, carried out as the core decides it (`ErasureRequests`): proposed by an
/// administrator, decided by an independent reviewer, each step on the chain with its reasons
/// sealed with the person's key.
enum ErasureOnRequest {
    struct Refused: Error { var message: String }

    /// The person and the cases they complained in or were complained about, as the core asks.
    static func subject(_ person: Person, store: CaseStore, on db: any Database) async throws -> ErasureRequests.Subject {
        let id = try person.requireID()
        let ids = Set(
            try await CaseMembership.query(on: db).filter(\.$personId == id).all()
                .filter { $0.relation == "complainant" || $0.relation == "respondent" }.map(\.caseId))
        var files: [CaseFile] = []
        for caseId in ids { if let f = try await store.load(caseId, on: db) { files.append(f) } }
        return .init(id: id, roles: person.roles, cases: files.sorted { $0.reference < $1.reference })
    }

    static func propose(_ person: Person, reasons: String, by admin: Person, services: DocketServices, on db: any Database) async throws -> ErasureRequest {
        let store = try await services.store(on: db)
        let subject = try await subject(person, store: store, on: db)
        do { try ErasureRequests.propose(subject, reasons: reasons, by: admin.actor) } catch { throw Refused(message: error.message) }
        if try await ErasureRequest.query(on: db).filter(\.$personId == subject.id).filter(\.$status == "pending").first() != nil {
            throw Refused(message: "An erasure of this person is already waiting for a reviewer's decision.")
        }
        let now = services.clock()
        let request = ErasureRequest(person: subject.id, by: try admin.requireID(), at: now, reasons: reasons)
        try await db.transaction { tx in
            try await request.create(on: tx)
            try await AccountActs.record(
                .erasureProposed(.init(request: request.id!, reasons: reasons, cases: subject.cases.count)), about: nil, stream: subject.id,
                by: admin.id, at: now, org: services.config.organisationName, sealedFor: subject.id, on: tx)
        }
        return request
    }

    struct Done { var cases: Int; var vacuum: String? }

    /// Decides a pending request. On approval: erases each case the person is a party to, their
    /// words anywhere else, and their identity; then reclaims the space.
    static func decide(
        _ request: ErasureRequest, approve: Bool, reasons: String, by reviewer: Person, services: DocketServices, on db: any Database
    ) async throws -> Done {
        guard request.status == "pending", let person = try await Person.find(request.personId, on: db) else {
            throw Refused(message: "This request has already been decided.")
        }
        let store = try await services.store(on: db)
        let subject = try await subject(person, store: store, on: db)
        do { try ErasureRequests.decide(subject, approve: approve, reasons: reasons, proposer: request.proposedBy, by: reviewer.actor) } catch {
            throw Refused(message: error.message)
        }
        let now = services.clock(), org = services.config.organisationName, id = subject.id, requestId = try request.requireID()
        if !approve {
            try await db.transaction { tx in
                request.status = "refused"; request.decidedBy = reviewer.id; request.decidedAt = Instant.millis(now); request.decisionReasons = reasons
                try await request.save(on: tx)
                try await AccountActs.record(
                    .erasureDecided(.init(request: requestId, approved: false, reasons: reasons, cases: subject.cases.count)), about: nil, stream: id,
                    by: reviewer.id, at: now, org: org, sealedFor: id, on: tx)
            }
            return Done(cases: 0, vacuum: nil)
        }
        // The decision goes on the chain first, sealed with the key that is about to go, and
        // naming every key of theirs that goes with it.
        try await db.transaction { tx in
            let keys = try await SubjectKey.query(on: tx).filter(\.$personId == id).all().compactMap(\.id).sorted { $0.uuidString < $1.uuidString }
            try await AccountActs.record(
                .erasureDecided(.init(request: requestId, approved: true, reasons: reasons, cases: subject.cases.count, keys: keys)), about: nil, stream: id,
                by: reviewer.id, at: now, org: org, sealedFor: id, on: tx)
        }
        var erased = 0
        for file in subject.cases where file.erasedAt == nil {
            _ = try await store.erase(file.id, by: reviewer.actor, at: now, on: db) { current in
                try store.procedure.requestedErasure(of: current, request: requestId)
            }
            erased += 1
        }
        // Their words in other cases (as a representative, say): those keys go; the cases stay.
        let elsewhere = try await SubjectKey.query(on: db).filter(\.$personId == id).all().map(\.caseId)
        try await db.transaction { tx in
            try await Person.erase(id, at: now, on: tx)
            request.status = "approved"; request.decidedBy = reviewer.id; request.decidedAt = Instant.millis(now)
            request.reasons = Sealing.erasedText; request.decisionReasons = Sealing.erasedText
            try await request.save(on: tx)
            try await ErasureRequest.query(on: tx).filter(\.$personId == id).set(\.$reasons, to: Sealing.erasedText).update()
            // Their name left the search index with their cases; any other row naming them is rewritten.
            for caseId in Set(elsewhere) { services.caseFiles.forget(caseId) }
        }
        let vacuum = try await RetentionRun.reclaim(on: db, sqlite: services.sqlitePath)
        return Done(cases: erased, vacuum: vacuum)
    }
}
