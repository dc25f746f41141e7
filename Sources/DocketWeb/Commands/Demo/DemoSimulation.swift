import DocketCore
import DocketStore
import Fluent
import Foundation

/// Where a simulation's commands go: the database through the `CaseStore` (the demo), or memory and
/// a bulk writer (the benchmark's generated history). Either way every step goes through `decide`.
public protocol SimulationWorld {
    var procedure: Procedure { get }
    mutating func load(_ id: CaseID) async throws -> CaseFile?
    mutating func file(by actor: Actor, at: Date, _ complaint: @escaping @Sendable (CaseID, String) -> Complaint) async throws -> CaseFile
    mutating func execute(_ command: CaseCommand, on id: CaseID, by actor: Actor, at: Date) async throws
    mutating func candidates(_ role: Role) async throws -> [Candidate]
    /// The simulation will not touch this case again.
    mutating func finished(_ id: CaseID) async throws
}

/// The demo's world: the application's own store and database.
struct StoreWorld: SimulationWorld {
    let store: CaseStore
    let db: any Database
    var procedure: Procedure { store.procedure }
    func load(_ id: CaseID) async throws -> CaseFile? { try await store.load(id, on: db) }
    func file(by actor: Actor, at: Date, _ complaint: @escaping @Sendable (CaseID, String) -> Complaint) async throws -> CaseFile {
        try await store.file(by: actor, at: at, on: db, complaint)
    }
    func execute(_ command: CaseCommand, on id: CaseID, by actor: Actor, at: Date) async throws {
        _ = try await store.execute(command, on: id, by: actor, at: at, on: db)
    }
    func candidates(_ role: Role) async throws -> [Candidate] { try await Person.candidates(with: role, on: db) }
    func finished(_ id: CaseID) async throws {}
}

extension DemoSimulation where World == StoreWorld {
    init(org: DemoOrganisation, store: CaseStore, rng: SplitMix64, now: Date, on db: any Database) {
        self.init(org: org, world: StoreWorld(store: store, db: db), rng: rng, now: now)
    }
}

/// Plays many cases forward through time, interleaved, each step a real command through `decide`.
/// Each case has a profile (how it will end, how fast it moves); what it does next is read from
/// its file, so the simulation never asks for a step the procedure would refuse.
public struct DemoSimulation<World: SimulationWorld> {
    struct Profile {
        enum Ending { case dismiss, resolve, full }
        var ending: Ending
        var allegations: Int
        var responds: Bool
        var oral: Bool
        var upheld: Bool
        var appeals: Bool
        var suspend: Bool
        var pause: Bool
        var slowness: Int
        /// The stage at which the case is left untouched: neglect the oversight pages must catch.
        var stallsAt: CaseStage?
    }

    struct Script {
        var caseId: CaseID?
        var nextAt: Date
        var profile: Profile
        var complainant: Actor
        var relation: ComplainantRelation
        var respondent: Actor
        var category: String
        var clauseIds: [String]
        var conduct: Day
        var paused = false
        var done = false
        /// The hearing's incidents this case will have: an objection, a request to adjourn, a split panel.
        var objects = false
        var adjourns = false
        var splits = false
        /// The caseworker asks the complainant a question during the investigation.
        var asks = false
        /// A protected disclosure (about an office-holder), or a complainant who asked for their identity to be held.
        var discloses = false
        var protects = false
    }

    let org: DemoOrganisation
    var world: World
    var rng: SplitMix64
    let now: Date
    /// How far back the first complaints were filed.
    public var spanDays = 420
    /// Working notes the caseworker adds per step on average (the benchmark's histories are
    /// denser than the demo's, about ten events a case).
    public var notesPerStep = 0.0
    public private(set) var commands = 0

    public init(org: DemoOrganisation, world: World, rng: SplitMix64, now: Date) {
        self.org = org; self.world = world; self.rng = rng; self.now = now
    }

    var procedure: Procedure { world.procedure }
    var calendar: WorkingCalendar { procedure.calendar }

    mutating func chance(_ p: Double) -> Bool { Double(rng.next() % 10_000) / 10_000 < p }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(rng.next() % UInt64(r.count)) }

    /// A moment `days` working days after `date`, during office hours.
    mutating func later(_ date: Date, workingDays days: Int) -> Date {
        let day = calendar.adding(workingDays: max(1, days), to: calendar.day(of: date))
        return calendar.start(of: day).addingTimeInterval(Double(int(9...16)) * 3600 + Double(int(0...59)) * 60)
    }

    mutating func script() -> Script {
        let today = calendar.day(of: now)
        // A third of the cases arrived in the last six weeks, so every stage has some in flight.
        let filedDay = today.adding(days: chance(0.35) ? -int(0...42) : -int(0...spanDays))
        var filedAt = calendar.start(of: filedDay).addingTimeInterval(Double(int(8...20)) * 3600)
        // Every script files its complaint: one "later today" is filed yesterday instead.
        if filedAt > now { filedAt = filedAt.addingTimeInterval(-86_400) }
        let conduct = filedDay.adding(days: -int(3...60))
        let categories: [(String, String)] = [
            ("antisemitism", "3.1"), ("islamophobia", "3.2"), ("anti_black_racism", "3.3"),
            ("misogyny", "3.4"), ("bullying", "2.1"), ("bullying", "2.1"), ("online_abuse", "4.1"),
        ]
        var (category, clause) = categories[int(0...(categories.count - 1))]
        if clause == "4.1", conduct < Day("2025-07-01")! { (category, clause) = ("bullying", "2.1") }
        let official = chance(0.08)
        let respondent =
            official
            ? org.members.first { org.officials.contains($0.id) && chance(0.3) } ?? org.members[7]
            : org.members[int(0...(org.members.count - 1))]
        var complainant = chance(0.15) ? org.serialComplainant! : org.members[int(0...(org.members.count - 1))]
        if complainant.id == respondent.id { complainant = org.members[(org.members.firstIndex(of: respondent)! + 1) % org.members.count] }
        let relation: ComplainantRelation =
            complainant == org.serialComplainant
            ? .thirdParty
            : [.directlyAffected, .directlyAffected, .witness, .thirdParty][int(0...3)]
        let roll = int(0...99)
        let profile = Profile(
            ending: roll < 20 ? .dismiss : roll < 30 ? .resolve : .full,
            allegations: chance(0.3) ? 2 : 1, responds: chance(0.75), oral: chance(0.5),
            upheld: chance(0.6), appeals: chance(0.35),
            suspend: ["antisemitism", "misogyny", "anti_black_racism"].contains(category) && chance(0.2),
            pause: chance(0.06), slowness: chance(0.12) ? 3 : 1,
            stallsAt: chance(0.05) ? [.triage, .investigation, .reported][int(0...2)] : nil)
        let clauses = profile.allegations == 2 ? [clause, clause == "2.1" ? "3.4" : "2.1"] : [clause]
        var script = Script(
            caseId: nil, nextAt: filedAt, profile: profile, complainant: complainant, relation: relation,
            respondent: respondent, category: category, clauseIds: clauses, conduct: conduct)
        script.objects = chance(0.3)
        script.adjourns = chance(0.15)
        script.splits = chance(0.3)
        script.asks = chance(0.35)
        script.discloses = official && chance(0.6)
        script.protects = !script.discloses && chance(0.06)
        return script
    }

    /// Plays `cases` cases to `now`, always taking the step that is due first.
    public mutating func run(cases: Int, progress: (Int, Int) -> Void) async throws {
        var scripts: [Script] = []
        scripts.reserveCapacity(cases)
        for _ in 0..<cases { scripts.append(script()) }
        var queue = StepQueue()
        for i in scripts.indices where scripts[i].nextAt <= now { queue.push(scripts[i].nextAt, i) }
        var finished = cases - queue.count
        while let i = queue.pop() {
            try await step(&scripts[i])
            if scripts[i].done || scripts[i].nextAt > now {
                if let id = scripts[i].caseId { try await world.finished(id) }
                finished += 1
                if finished % 25 == 0 || finished == cases { progress(finished, commands) }
            } else {
                queue.push(scripts[i].nextAt, i)
            }
        }
    }

    func authority(_ file: CaseFile) -> Actor { file.route == .independent ? org.reviewers[0] : org.governance[0] }

    /// Takes the next step of one case at its scheduled time and schedules the one after.
    mutating func step(_ s: inout Script) async throws {
        let at = s.nextAt
        guard let id = s.caseId, let file = try await world.load(id) else {
            let script = s
            let official = org.officials.contains(s.respondent.id)
            let name = org.names[s.complainant.id] ?? "Member"
            let summary = "Complaint about \(s.category.replacingOccurrences(of: "_", with: " ")) reported on \(calendar.day(of: at))."
            let filed = try await world.file(by: s.complainant, at: at) { id, reference in
                Complaint(
                    caseId: id, reference: reference, complainantId: script.complainant.id, complainantName: name,
                    relation: script.relation, respondentId: script.respondent.id, respondentIsOfficial: official,
                    category: script.category, summary: summary, conductDate: script.conduct
                ).protected(disclosure: script.discloses, identity: script.protects)
            }
            s.caseId = filed.id
            commands += 1
            // A few complaints sit unallocated for weeks: the oversight pages must show them.
            s.nextAt = later(at, workingDays: chance(0.05) ? int(8...15) : int(1...3) * s.profile.slowness)
            return
        }
        let p = s.profile
        if file.stage == p.stallsAt {
            s.done = true
            return
        }
        let worker = file.caseworkerId.flatMap { org.everyone[$0] }
        var command: CaseCommand
        var actor: Actor
        var delay = int(2...8) * p.slowness
        // Before the procedure goes on: an open retaliation flag is decided by a reviewer, and a
        // protected identity's custodian records why it is withheld, and answers any request.
        if let step = try await whistleblowing(file, s) {
            do { try await world.execute(step.0, on: file.id, by: step.1, at: at) } catch let e as DueProcessError {
                throw CommandFailure("demo case \(file.reference), step \(step.0.name): \(e.message)")
            }
            commands += 1
            s.nextAt = later(at, workingDays: 1)
            return
        }
        switch file.stage {
        case .received:
            let pool = try await world.candidates(file.route == .independent ? .reviewer : .caseworker)
            let custodians = file.identityProtected ? try await world.candidates(.reviewer) : []
            (command, actor) = (.allocateCaseworker(pool: pool, seed: rng.next(), custodians: custodians), authority(file))
        case .triage:
            switch p.ending {
            case .dismiss: (command, actor) = (.dismiss(reasons: "The conduct described does not engage any clause of the rulebook."), worker!)
            case .resolve:
                (command, actor) = (
                    .resolveInformally(summary: "Apology offered and accepted; both parties agreed.", complainantConsents: true, respondentConsents: true),
                    worker!
                )
            case .full: (command, actor) = (.openInvestigation(reasons: "The complaint, if proved, would breach the rulebook."), worker!)
            }
        case .investigation:
            if file.allegations.count < s.clauseIds.count {
                let clause = s.clauseIds[file.allegations.count]
                (command, actor) = (
                    .addAllegation(clauseId: clause, conductDate: s.conduct, basis: "Conduct on \(s.conduct) described by the complainant and witnesses."),
                    worker!
                )
                delay = 1
            } else if p.pause == false, p.slowness == 3, file.interference.isEmpty, file.route == .standard {
                (command, actor) = (
                    .recordInterference(
                        from: "A regional office-holder",
                        summary: "Telephoned to ask whether the case could wait until after the selection meeting."), worker!
                )
                delay = 1
            } else if p.suspend, file.suspension == nil {
                (command, actor) = (
                    .imposeInterimSuspension(
                        reasons: "The allegations are serious and the respondent holds a position of contact with complainants.",
                        scope: "Attendance at branch meetings and events", reviewDate: calendar.day(of: at).adding(days: 28)), authority(file)
                )
                delay = 1
            } else if p.pause, !s.paused, file.clock.pausedSince == nil, file.clock.pauses.isEmpty {
                (command, actor) = (.pauseClock(reason: "A key witness is unavailable until further notice."), worker!)
                s.paused = true
                delay = 10
            } else if file.clock.pausedSince != nil {
                (command, actor) = (.resumeClock(reason: "The witness is available again."), worker!)
                delay = 2
            } else if s.asks, file.messages.isEmpty {
                (command, actor) = (
                    .postMessage(
                        thread: .complainant, text: "Were there other people in the group chat who saw the messages? If so, who?", asks: true), worker!
                )
                delay = int(1...3)
            } else if let q = file.unansweredQuestions(in: .complainant).first {
                (command, actor) = (
                    .postMessage(
                        thread: .complainant, text: "Yes: two other members of the branch committee saw them and said so at the time.",
                        answering: q.number), s.complainant
                )
                delay = 1
            } else {
                (command, actor) = (
                    .serveNotice(
                        windowWorkingDays: procedure.policy.minimumResponseWorkingDays + int(0...5),
                        disclosedEvidence: file.evidence.map(\.item.filename)), worker!
                )
                delay = int(2...6)
            }
        case .noticeServed:
            if p.responds, file.response == nil, at < file.notice!.responseDeadline {
                (command, actor) = (
                    .respond(text: "I dispute the allegations and ask the panel to consider the context.", requestsOralHearing: p.oral), s.respondent
                )
            } else if file.responseWindowFinished(at: at) {
                (command, actor) = (.submitReport("The evidence was gathered and the respondent's account considered."), worker!)
            } else {
                s.nextAt = later(file.notice!.responseDeadline, workingDays: int(1...4) * p.slowness)
                return
            }
        case .reported:
            (command, actor) = (.appointPanel(pool: try await world.candidates(.panelMember), seed: rng.next()), authority(file))
        case .hearing:
            let chair = org.everyone[file.panel!.members[0]]!
            if let next = try await panelVote(file, s) {
                (command, actor) = next
                delay = int(1...3)
            } else if file.response?.requestsOralHearing == true, file.hearingHeldAt == nil {
                if let objection = file.objections.first(where: { $0.upheld == nil }) {
                    let upheld = chance(0.5)
                    (command, actor) = (
                        .decideObjection(
                            number: objection.number, upheld: upheld,
                            reasons: upheld
                                ? "The member has spoken publicly about the case; a fair-minded observer would see a real possibility of bias."
                                : "Membership of the same branch is not enough to show bias.",
                            pool: try await world.candidates(.panelMember), seed: rng.next(), names: org.names), authority(file)
                    )
                    delay = 1
                } else if let request = file.adjournments.first(where: { $0.granted == nil }) {
                    let granted = chance(0.5)
                    (command, actor) = (
                        .decideAdjournment(
                            number: request.number, granted: granted,
                            reasons: granted ? "A medical certificate was provided; a short adjournment is fair." : "The reasons do not justify further delay."),
                        chair
                    )
                    delay = 1
                } else if let h = file.hearing {
                    if s.objects, file.objections.isEmpty, at < h.startsAt {
                        (command, actor) = (
                            .objectToPanelMember(
                                member: file.panel!.members[file.panel!.members.count - 1],
                                reasons: "This member chaired the branch meeting where the incident happened and has spoken about it."), s.respondent
                        )
                        delay = 1
                    } else if s.adjourns, file.adjournments.isEmpty, at < h.startsAt {
                        (command, actor) = (.requestAdjournment(reasons: "I am in hospital on the day of the hearing; a letter is attached."), s.complainant)
                        delay = 1
                    } else if at < h.startsAt {
                        s.nextAt = h.startsAt.addingTimeInterval(3 * 3600)
                        return
                    } else {
                        let attendees = [file.respondentId, file.complainantId, file.caseworkerId].compactMap { $0 } + file.panel!.members
                        (command, actor) = (
                            .recordHearing(
                                notes: "The respondent attended with a representative and gave evidence; the complainant and one witness were heard.",
                                attendees: attendees),
                            chair
                        )
                    }
                } else {
                    let day = calendar.adding(workingDays: procedure.policy.hearingNoticeWorkingDays + int(1...5), to: calendar.day(of: at))
                    let video = chance(0.3)
                    (command, actor) = (
                        .scheduleHearing(
                            startsAt: calendar.start(of: day).addingTimeInterval(TimeInterval(int(9...15)) * 3600),
                            place: video ? "" : "Northfield office, meeting room 2", link: video ? "https://meet.example.org/hearing-\(file.reference)" : nil,
                            names: org.names), chair
                    )
                    delay = 1
                }
            } else {
                (command, actor) = (decision(file, upheld: p.upheld), chair)
                delay = int(1...4)
            }
        case .decided:
            if p.appeals, file.decision?.sanction != nil, file.appealGrounds == nil, at < file.decision!.appealDeadline {
                (command, actor) = (.appeal(grounds: "The sanction is disproportionate to the finding."), s.respondent)
            } else if at >= file.decision!.appealDeadline {
                (command, actor) = (.close(reasons: "The appeal window has passed without an appeal."), worker ?? authority(file))
            } else {
                s.nextAt = later(file.decision!.appealDeadline, workingDays: int(1...3))
                return
            }
        case .appeal:
            if file.appealPanel == nil {
                (command, actor) = (.appointAppealPanel(pool: try await world.candidates(.panelMember), seed: rng.next()), authority(file))
            } else {
                if let next = try await panelVote(file, s) {
                    (command, actor) = next
                } else {
                    (command, actor) = (appealDecision(file), org.everyone[file.appealPanel!.members[0]]!)
                }
            }
        case .dismissed, .resolved, .closed:
            s.done = true
            return
        }
        do {
            try await world.execute(command, on: file.id, by: actor, at: at)
            var notes = notesPerStep
            while let worker, notes > 0, chance(min(1, notes)), !file.stage.isTerminal {
                try await world.execute(
                    .addNote("Spoke to the \(chance(0.5) ? "complainant" : "respondent") about the next step and the timetable."),
                    on: file.id, by: worker, at: at)
                commands += 1
                notes -= 1
            }
        } catch let e as DueProcessError where e.code == "retaliation_flag_open" {
            // The suspension raised a flag, or met one: a reviewer concurs first, and it is tried again next.
            try await world.execute(
                .concurInSuspension(reasons: "The allegations are serious and independent of the earlier complaint; a suspension is justified."),
                on: file.id, by: org.reviewers[0], at: at)
        } catch let e as DueProcessError {
            throw CommandFailure("demo case \(file.reference), step \(command.name): \(e.message)")
        }
        commands += 1
        s.nextAt = later(at, workingDays: delay)
    }

    /// The whistleblowing step due on a case, if any, and who takes it.
    mutating func whistleblowing(_ file: CaseFile, _ s: Script) async throws -> (CaseCommand, Actor)? {
        if let flag = file.retaliationFlags.first(where: { $0.confirmed == nil }) {
            let confirmed = chance(0.5)
            return (
                .decideRetaliationFlag(
                    number: flag.number, confirmed: confirmed,
                    reasons: confirmed
                        ? "The complaint followed within weeks of the earlier one, and names the same meeting: it looks like retaliation; the panel is to be told."
                        : "The two complaints concern unrelated events months apart; nothing suggests retaliation."),
                org.reviewers[0]
            )
        }
        guard file.identityProtected, !file.identityRevealed, !file.stage.isTerminal, let custodian = file.custodian.flatMap({ org.everyone[$0] }) else {
            return nil
        }
        if file.withheldReason == nil, file.stage == .investigation {
            return (.recordWithholding(reasons: "The complainant fears reprisal from the office-holder complained about, who chairs their branch."), custodian)
        }
        if let open = file.reveals.first(where: { $0.revealed == nil }) {
            return (
                .decideReveal(
                    number: open.number, reveal: false,
                    reasons: "The allegations can be put and answered on the documents; the complainant's name adds nothing the respondent needs."),
                custodian
            )
        }
        if file.reveals.isEmpty, s.asks, file.stage == .investigation, let worker = file.caseworkerId.flatMap({ org.everyone[$0] }) {
            return (.requestReveal(reasons: "We need to know whether the complainant attended the meeting, to weigh the minutes."), worker)
        }
        return nil
    }

    /// The next vote on an open proposal: the members after the chair in turn. On a split panel
    /// the first of them dissents, and the decision issues on the others' concurrence.
    mutating func panelVote(_ file: CaseFile, _ s: Script) async throws -> (CaseCommand, Actor)? {
        guard let proposal = file.openProposal, let members = file.decidingPanel?.members else { return nil }
        guard let voter = members.dropFirst().first(where: { m in !proposal.votes.contains { $0.member == m } }), let actor = org.everyone[voter] else {
            return nil
        }
        let dissents = s.splits && voter == members[1]
        return (
            .vote(
                concurs: !dissents,
                reasons: dissents
                    ? "I would not uphold the allegation: the messages were sent in a private exchange and the context was not put to the witnesses."
                    : "I agree with the chair's findings and the reasons given."), actor
        )
    }

    mutating func decision(_ file: CaseFile, upheld: Bool) -> CaseCommand {
        var findings: [CaseFile.FindingRecord] = []
        for (i, a) in file.allegations.enumerated() {
            let up = upheld && (i == 0 || chance(0.5))
            findings.append(
                .init(
                    allegation: a.number, finding: up ? .upheld : .notUpheld,
                    reasons: up
                        ? "The evidence, including the screenshots, proves the conduct, which falls within clause \(a.clauseId)."
                        : "The evidence does not establish the conduct on the balance of probabilities."))
        }
        let clauses = procedure.upheldClauses(file, findings)
        guard let first = clauses.first else { return .decide(findings: findings, sanction: nil, sanctionReasons: nil) }
        if chance(0.15), let other = first.allowedSanctions.first(where: { !first.guidanceSanctions.contains($0) }) {
            return .decide(findings: findings, sanction: other, sanctionReasons: "Mitigation: first offence, immediate apology and training completed.")
        }
        return .decide(findings: findings, sanction: first.guidanceSanctions[int(0...(first.guidanceSanctions.count - 1))], sanctionReasons: nil)
    }

    mutating func appealDecision(_ file: CaseFile) -> CaseCommand {
        let roll = int(0...99)
        let current = file.decision?.sanction
        let allowed = procedure.upheldClauses(file, file.decision?.findings ?? []).flatMap(\.allowedSanctions)
        if roll < 25, let lighter = allowed.sorted().first(where: { $0 != current && $0 < (current ?? .expulsion) }) {
            return .decideAppeal(outcome: .varied, reasons: "The panel gave too little weight to the respondent's prompt apology.", sanction: lighter)
        }
        if roll < 40 { return .decideAppeal(outcome: .allowed, reasons: "The first panel did not consider the respondent's evidence.", sanction: nil) }
        return .decideAppeal(outcome: .dismissed, reasons: "The decision was open to the panel on the evidence; the sanction is proportionate.", sanction: nil)
    }
}

/// A binary min-heap of (when, script index): the next step due, in O(log n).
struct StepQueue {
    private var items: [(Date, Int)] = []
    var count: Int { items.count }

    private func less(_ a: (Date, Int), _ b: (Date, Int)) -> Bool { a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }

    mutating func push(_ at: Date, _ index: Int) {
        items.append((at, index))
        var i = items.count - 1
        while i > 0, less(items[i], items[(i - 1) / 2]) { items.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, less(items[l], items[m]) { m = l }
                if r < items.count, less(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m); i = m
            }
        }
        return top.1
    }
}
