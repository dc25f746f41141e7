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
    /// Three passes and no sort: a roster of 50,000 members is indexed in milliseconds.
    init(pairs: [(UInt64, Int32)]) {
        var capacity = 16
        while capacity < pairs.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: Slot(key: 0, start: 0, count: 0), count: capacity)
        // Which slot each pair's key has, counting the numbers per key.
        var at = [Int32](repeating: 0, count: pairs.count)
        for (i, pair) in pairs.enumerated() {
            let k = Self.stored(pair.0)
            var slot = Int(truncatingIfNeeded: k) & mask
            while slots[slot].key != 0, slots[slot].key != k { slot = (slot + 1) & mask }
            slots[slot].key = k
            slots[slot].count += 1
            at[i] = Int32(slot)
        }
        // A key with several numbers gets a slice of `items`; one with one number holds it.
        var filled = [Int32](repeating: 0, count: capacity)
        var next: Int32 = 0
        for i in slots.indices where slots[i].count > 1 {
            slots[i].start = next
            next += slots[i].count
        }
        items = [Int32](repeating: 0, count: Int(next))
        for (i, pair) in pairs.enumerated() {
            let slot = Int(at[i])
            if slots[slot].count == 1 {
                slots[slot].start = pair.1
                slots[slot].count = -1
            } else {
                items[Int(slots[slot].start + filled[slot])] = pair.1
                filled[slot] += 1
            }
        }
    }

    /// From (key, flags) pairs where a key may come more than once: its flags are joined (OR).
    init(merging pairs: [(UInt64, Int32)]) {
        var capacity = 16
        while capacity < pairs.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: Slot(key: 0, start: 0, count: 0), count: capacity)
        for (key, flags) in pairs {
            let k = Self.stored(key)
            var slot = Int(truncatingIfNeeded: k) & mask
            while slots[slot].key != 0, slots[slot].key != k { slot = (slot + 1) & mask }
            slots[slot].key = k
            slots[slot].start |= flags
            slots[slot].count = -1
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

/// A growing open-addressing map from 64-bit hashes to values, for state kept while a document
/// is read (which surname stands for whom): the keys are already hashes, so no general-purpose
/// hasher runs for each of the hundreds of thousands of names in a large report.
struct HashMap<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private(set) var count = 0

    /// Room for `capacity` keys before it grows.
    init(capacity: Int = 32) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always) private func slot(_ k: UInt64) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: k) & mask
        while keys[slot] != 0, keys[slot] != k { slot = (slot + 1) & mask }
        return slot
    }

    subscript(key: UInt64) -> Value? {
        get {
            let k = KeyTable.stored(key)
            return values[slot(k)]
        }
        set {
            let k = KeyTable.stored(key)
            var s = slot(k)
            if keys[s] == 0 {
                guard let newValue else { return }
                if (count + 1) * 2 > keys.count {
                    grow()
                    s = slot(k)
                }
                keys[s] = k
                count += 1
            }
            // A key once stored stays (its value may become nil): nothing here is ever removed.
            values[s] = newValue
        }
    }

    /// Calls `body` with each key (as stored: a key of zero reads as one) and its value.
    func forEach(_ body: (UInt64, Value) -> Void) {
        for (i, k) in keys.enumerated() where k != 0 {
            if let v = values[i] { body(k, v) }
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        for (i, k) in oldKeys.enumerated() where k != 0 {
            let s = slot(k)
            keys[s] = k
            values[s] = oldValues[i]
        }
    }
}
