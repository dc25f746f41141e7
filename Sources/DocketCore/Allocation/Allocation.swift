import Foundation

/// A person who could be drawn, with the number of open cases they already hold.
public struct Candidate: Codable, Sendable, Equatable {
    public var id: PersonID
    public var openCases: Int
    public init(id: PersonID, openCases: Int) { self.id = id; self.openCases = openCases }
}

/// The record of a draw: who was in the pool, who was left out and why, the seed, who was chosen.
/// Anyone can rerun `Allocator.draw` on these inputs and get the same people.
public struct Draw: Codable, Sendable, Equatable {
    public struct Exclusion: Codable, Sendable, Equatable {
        public var id: PersonID
        public var reason: String
    }
    public var purpose: String
    public var pool: [Candidate]
    public var excluded: [Exclusion]
    public var seed: UInt64
    public var chosen: [PersonID]
}

/// Allocation by rule, not by choice.
///
/// Passes when enough people remain after leaving out everyone who may not handle the case
/// (parties, the conflicted, and anyone the stage forbids); picks the least-loaded first and
/// breaks ties with a seeded draw. It exists because hand-picked investigators and panels were
/// how inquiries found cases being steered; a recorded, reproducible draw ends the argument.
public enum Allocator {
    public static func draw(
        purpose: String, count: Int, pool: [Candidate], exclusions: [PersonID: String],
        seed: UInt64
    ) throws(DueProcessError) -> Draw {
        var seen: Set<PersonID> = []
        let uniquePool = pool.filter { seen.insert($0.id).inserted }
        var remaining = uniquePool.filter { exclusions[$0.id] == nil }.sorted { $0.id.uuidString < $1.id.uuidString }
        guard remaining.count >= count else {
            throw .notAllowed(
                "not_enough_eligible",
                "Cannot draw the \(purpose): \(count) needed, only \(remaining.count) eligible after leaving out parties, declared conflicts and earlier handlers."
            )
        }
        var rng = SplitMix64(seed: seed)
        var chosen: [PersonID] = []
        while chosen.count < count {
            let least = remaining.map(\.openCases).min()!
            let tied = remaining.indices.filter { remaining[$0].openCases == least }
            let pick = tied[Int(rng.next() % UInt64(tied.count))]
            chosen.append(remaining.remove(at: pick).id)
        }
        let excluded = uniquePool.compactMap { c in exclusions[c.id].map { Draw.Exclusion(id: c.id, reason: $0) } }
        return Draw(purpose: purpose, pool: uniquePool, excluded: excluded, seed: seed, chosen: chosen)
    }
}

/// A small, portable PRNG, so a recorded seed reproduces the same draw on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
