/// An open-addressing table from 64-bit hashes to lists of numbers (pattern numbers, or a
/// word's class). The keys are already hashes, so it skips the general-purpose hasher that
/// `Dictionary` would run on every lookup; a word that starts no name costs one or two probes.
struct KeyTable {
    /// A key and its numbers side by side, so that a probe reads one cache line: the tables are
    /// larger than the cache, and most of a lookup's time is that one read. A key with one
    /// number holds it in the slot itself (`count` is then -1); a longer list is a slice of `items`.
    private struct Slot {
        var key: UInt64
        var start: Int32
        var count: Int32
    }
    private var slots: [Slot]
    private var items: [Int32] = []
    private let mask: Int

    init(_ groups: [UInt64: [Int32]]) {
        self.init(pairs: groups.flatMap { key, list in list.map { (key, $0) } })
    }

    /// From (key, number) pairs in any order; a key's numbers keep their order in `pairs`.
    init(pairs: [(UInt64, Int32)]) {
        // Sorted by key, and by position within a key (positions are distinct, so the order is
        // fully determined without a stable sort).
        var sorted = pairs.enumerated().map { (key: $0.element.0, value: $0.element.1, at: $0.offset) }
        sorted.withUnsafeMutableBufferPointer { $0.sort { ($0.key, $0.at) < ($1.key, $1.at) } }
        var keys = 0
        for (i, p) in sorted.enumerated() where i == 0 || sorted[i - 1].key != p.key { keys += 1 }
        var capacity = 16
        while capacity < keys * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: Slot(key: 0, start: 0, count: 0), count: capacity)
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count, sorted[j].key == sorted[i].key { j += 1 }
            let k = Self.stored(sorted[i].key)
            var slot = Int(truncatingIfNeeded: k) & mask
            while slots[slot].key != 0 { slot = (slot + 1) & mask }
            if j - i == 1 {
                slots[slot] = Slot(key: k, start: sorted[i].value, count: -1)
            } else {
                slots[slot] = Slot(key: k, start: Int32(items.count), count: Int32(j - i))
                items.append(contentsOf: sorted[i..<j].map(\.value))
            }
            i = j
        }
    }

    /// Zero marks an empty slot, so a key of zero is stored as one.
    @inline(__always) static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always) private func slot(_ key: UInt64) -> Slot? {
        let k = Self.stored(key)
        var slot = Int(truncatingIfNeeded: k) & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let found = s[slot]
                if found.key == k { return found }
                if found.key == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Calls `body` with each number held for `key`, in order.
    @inline(__always) func forEach(_ key: UInt64, _ body: (Int32) -> Void) {
        guard let s = slot(key) else { return }
        if s.count < 0 { body(s.start); return }
        items.withUnsafeBufferPointer { items in
            for i in Int(s.start)..<Int(s.start + s.count) { body(items[i]) }
        }
    }

    /// The first number held for `key`, or nil.
    @inline(__always) func first(_ key: UInt64) -> Int32? {
        guard let s = slot(key) else { return nil }
        return s.count < 0 ? s.start : items[Int(s.start)]
    }

    @inline(__always) func contains(_ key: UInt64) -> Bool { slot(key) != nil }
}
