import Foundation
import Testing

@testable import DocketCore

@Suite("Tamper-evident chain")
struct HashChainTests {
    struct Entry { var seq: Int64; var fields: [String]; var prev: String; var hash: String }

    func chain(_ payloads: [String]) -> [Entry] {
        var prev = HashChain.genesis
        return payloads.enumerated().map { i, p in
            let fields = ["event/v1", String(i + 1), p]
            let h = HashChain.hash(previous: prev, fields: fields)
            defer { prev = h }
            return Entry(seq: Int64(i + 1), fields: fields, prev: prev, hash: h)
        }
    }

    func verify(_ entries: [Entry]) -> ChainVerifier.Failure? {
        var v = ChainVerifier()
        do {
            for e in entries { try v.check(seq: e.seq, fields: e.fields, prevHash: e.prev, hash: e.hash) }
            return nil
        } catch { return error }
    }

    @Test func an_untouched_chain_verifies() {
        #expect(verify(chain(["a", "b", "c"])) == nil)
    }

    @Test func a_changed_payload_is_caught_at_that_entry() {
        var c = chain(["a", "b", "c"])
        c[1].fields[2] = "B"
        #expect(verify(c)?.seq == 2)
        #expect(verify(c)?.reason.contains("altered") == true)
    }

    @Test func a_deleted_entry_is_caught() {
        var c = chain(["a", "b", "c"])
        c.remove(at: 1)
        #expect(verify(c)?.seq == 3)
    }

    @Test func swapped_entries_are_caught() {
        var c = chain(["a", "b", "c"])
        c.swapAt(0, 1)
        #expect(verify(c)?.seq == 2)
    }

    @Test func a_rehashed_entry_still_breaks_the_next_link() {
        var c = chain(["a", "b", "c"])
        c[1].fields[2] = "B"
        c[1].hash = HashChain.hash(previous: c[1].prev, fields: c[1].fields)
        let f = verify(c)
        #expect(f?.seq == 3)
    }

    @Test func a_truncated_chain_is_caught_by_its_head() throws {
        let c = chain(["a", "b", "c"])
        var v = ChainVerifier()
        for e in c.prefix(2) { try v.check(seq: e.seq, fields: e.fields, prevHash: e.prev, hash: e.hash) }
        #expect(throws: ChainVerifier.Failure.self) { try v.checkHead(seq: 3, hash: c[2].hash) }
    }

    @Test func the_encoding_cannot_be_confused_by_moving_bytes_between_fields() {
        #expect(HashChain.canonical(["ab", "c"]) != HashChain.canonical(["a", "bc"]))
    }

    /// Every kind there is (read from the catalogue's source), reached by random walks through the
    /// procedure: at each point someone takes one of the steps offered to them. Each event
    /// round-trips through its stored form.
    @Test func every_event_kind_round_trips_through_its_stored_form() throws {
        let source = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Sources/DocketCore/Lifecycle/CaseEvent+Coding.swift").standardized, encoding: .utf8)
        let start = source.range(of: "public var kind: String {")!.upperBound
        let end = source.range(of: "private var payload")!.lowerBound
        let all = Set(source[start..<end].split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
        #expect(all.count >= 29, "\(all.count) kinds in the catalogue")
        var seen: Set<String> = []
        var taken: Set<CaseStep> = []
        var rng = SplitMix64(seed: 2026)
        let progress: Set<CaseStep> = [
            .identifyRespondent, .allocateCaseworker, .openInvestigation, .allegations, .serveNotice, .respond,
            .report, .appointPanel, .scheduleHearing, .hearing, .decide, .vote, .appeal, .appointAppealPanel, .decideAppeal, .close,
            .reviewDecision, .concludeReview, .suspend, .liftSuspension,
        ]
        for walk in 0..<40 {
            var w = World()
            var complaint = w.complaint(respondentIsOfficial: walk % 5 == 0)
            if walk % 7 == 0 { complaint.respondentId = nil; complaint.respondentNamed = "someone from the east branch" }
            try w.run(.file(complaint, evidence: []), by: w.complainant)
            let programmeReviewer = Actor(id: UUID(), roles: [.reviewer])
            for _ in 0..<70 {
                guard let file = w.file, !file.stage.isTerminal || Int.random(in: 0..<3, using: &rng) == 0 else { break }
                // A past decision picked by a review programme (opened from the programmes page,
                // not the case page), now and then.
                if file.decision != nil, file.programmeReviews.isEmpty, walk % 3 == 0 {
                    _ = w.refusal(.openProgrammeReview(programme: UUID(), pool: [Candidate(id: programmeReviewer.id, openCases: 0)], seed: 1), by: w.reviewer)
                }
                var actors = [w.complainant, w.respondent, w.governance, w.reviewer]
                let handlerRoles: Set<Role> = file.route == .independent ? [.caseworker, .reviewer] : [.caseworker]
                actors += [file.caseworkerId].compactMap { $0 }.map { Actor(id: $0, roles: handlerRoles) }
                actors += ((file.panel?.members ?? []) + (file.appealPanel?.members ?? [])).map { Actor(id: $0, roles: [.panelMember]) }
                actors += [file.representativeId].compactMap { $0 }.map { Actor(id: $0, roles: [.member]) }
                actors.append(programmeReviewer)
                let options = actors.flatMap { a in w.procedure.availableSteps(file, for: a, at: w.now).map { (a, $0) } }
                if options.isEmpty || Int.random(in: 0..<6, using: &rng) == 0 {
                    w.advance(workingDays: Int.random(in: 1...12, using: &rng))
                    continue
                }
                // Mostly forward, sometimes sideways (notes, the clock, suspensions, conflicts).
                // A step no walk has taken yet comes first, now and then, so every kind is reached.
                let forward = options.filter { progress.contains($0.1) }
                let fresh = options.filter { !taken.contains($0.1) }
                let pick =
                    !fresh.isEmpty && Bool.random(using: &rng)
                    ? fresh
                    : !forward.isEmpty && Int.random(in: 0..<4, using: &rng) > 0 ? forward : options
                let (actor, step) = pick[Int.random(in: 0..<pick.count, using: &rng)]
                var input = try #require(w.procedure.validInput(for: step, in: file, by: actor, at: w.now))
                if case .decide = input, Bool.random(using: &rng) {
                    let upheld = file.allegations.map { CaseFile.FindingRecord(allegation: $0.number, finding: .upheld, reasons: "Proved.") }
                    input = .decide(findings: upheld, sanction: .warning, sanctionReasons: nil)
                }
                if case .respond = input, Bool.random(using: &rng) { input = .respond(text: "I ask to be heard.", requestsOralHearing: true) }
                if case .decideAppeal = input, Bool.random(using: &rng) { input = .decideAppeal(outcome: .allowed, reasons: "Allowed.", sanction: nil) }
                if case .reviewDecision = input, Bool.random(using: &rng) { input = .reviewDecision(verdict: .vetoed, reasons: "Vetoed.") }
                if w.refusal(input, by: actor) == nil { taken.insert(step) }
            }
            for e in w.events {
                seen.insert(e.event.kind)
                let back = try CaseEvent.decode(kind: e.event.kind, payload: e.event.encodedPayload())
                #expect(back == e.event)
            }
        }
        // Legal holds and erasures are not steps on a case page (the command line and the daily
        // retention run take them, through `legalHold` and `retentionErasure`): round-tripped here.
        for e in [
            CaseEvent.legalHoldPlaced(.init("Employment tribunal claim pending.")), .legalHoldLifted(.init("Claim settled.")),
            .contentErased(.init(basis: "retention", rule: "dismissed: 12 months after closure", complainantKey: "non-member:00ff")),
            .custodianDrawn(try Allocator.draw(purpose: "custodian", count: 1, pool: [Candidate(id: UUID(), openCases: 0)], exclusions: [:], seed: 1)),
            .identityWithheld(.init("Fear of reprisal.")), .revealRequested(.init(number: 1, reasons: "Need to know.")),
            .revealDecided(.init(number: 1, reveal: false, reasons: "Not needed.")),
            .retaliationFlagged(.init(number: 1, trigger: "complaint", priorCase: UUID(), priorReference: "DK-2026-00001", basis: "b")),
            .retaliationFlagDecided(.init(number: 1, confirmed: true, reasons: "r")), .suspensionConcurred(.init("Justified.")),
        ] {
            seen.insert(e.kind)
            #expect(try CaseEvent.decode(kind: e.kind, payload: e.encodedPayload()) == e)
        }
        #expect(all.subtracting(seen).isEmpty, "never reached: \(all.subtracting(seen).sorted())")
        let w = World()
        #expect(Instant.parse(Instant.string(w.now)) == Instant.truncate(w.now))
    }
}
