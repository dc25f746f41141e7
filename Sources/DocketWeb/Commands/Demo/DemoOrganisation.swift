import DocketCore
import DocketStore
import Fluent
import Foundation

/// The people of the demo organisation: a register of members, some of them office-holders, and
/// the staff and volunteers who run the procedure.
public struct DemoOrganisation {
    var members: [Actor] = []
    var officials: Set<PersonID> = []
    var serialComplainant: Actor!
    public var caseworkers: [Actor] = []
    public var panel: [Actor] = []
    var governance: [Actor] = []
    public var reviewers: [Actor] = []
    var everyone: [PersonID: Actor] = [:]
    var names: [PersonID: String] = [:]

    static let offices = ["Branch secretary", "Branch chair", "Regional organiser", "Councillor", "Youth officer", "Treasurer"]

    public static func build(memberCount: Int, rng: inout SplitMix64, on db: any Database) async throws -> DemoOrganisation {
        var org = DemoOrganisation()
        var people: [Person] = []
        var used: Set<String> = []
        for i in 0..<memberCount {
            var name: String
            repeat {
                name = "\(DemoNames.first.randomElement(using: &rng)!) \(DemoNames.last.randomElement(using: &rng)!)"
            } while used.contains(name) && used.count < DemoNames.first.count * DemoNames.last.count
            used.insert(name)
            let isOfficial = i % 15 == 7
            let number = "A" + String(format: "%07d", 1_000_000 + i * 37)
            let person = Person(
                id: UUID(), displayName: name, email: "member\(i + 1)@members.example", membershipNumber: number,
                isPublic: isOfficial, publicRole: isOfficial ? offices[i % offices.count] : nil, roles: [.member])
            people.append(person)
            org.members.append(person.actor)
            if isOfficial { org.officials.insert(person.id!) }
        }
        func staff(_ role: Role, _ count: Int, _ label: String) -> [Actor] {
            (1...count).map { i in
                let p = Person(
                    id: UUID(), displayName: "\(label) \(i)",
                    email: "\(role.rawValue.replacingOccurrences(of: "_", with: "-"))\(i)@staff.example", roles: [role])
                people.append(p)
                return p.actor
            }
        }
        org.caseworkers = staff(.caseworker, 8, "Caseworker")
        org.panel = staff(.panelMember, 12, "Panel member")
        org.governance = staff(.governance, 4, "Governance committee member")
        org.reviewers = staff(.reviewer, 3, "Independent reviewer")
        _ = staff(.auditor, 1, "Auditor")
        _ = staff(.editor, 1, "Publications editor")
        let everyone = people
        for p in people { org.names[p.id!] = p.displayName }
        try await db.transaction { tx in
            for p in everyone { try await p.create(on: tx) }
        }
        org.serialComplainant = org.members[3]
        for a in org.members + org.caseworkers + org.panel + org.governance + org.reviewers { org.everyone[a.id] = a }
        return org
    }
}
