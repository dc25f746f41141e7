/// An open-addressing table from 64-bit hashes to lists of pattern numbers. The keys are already
/// hashes, so it skips the general-purpose hasher that `Dictionary` would run on every lookup;
/// a word that starts no name costs one or two probes.
struct KeyTable {
    private var keys: [UInt64]
    private var ranges: [(start: Int32, count: Int32)]
    private(set) var items: [Int32] = []
    private let mask: Int

    init(_ groups: [UInt64: [Int32]]) {
        var capacity = 16
        while capacity < groups.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = Array(repeating: 0, count: capacity)
        ranges = Array(repeating: (0, 0), count: capacity)
        for (key, list) in groups {
            let k = Self.stored(key)
            var slot = Int(truncatingIfNeeded: k) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = k
            ranges[slot] = (Int32(items.count), Int32(list.count))
            items.append(contentsOf: list)
        }
    }

    /// Zero marks an empty slot, so a key of zero is stored as one.
    @inline(__always) static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// The slice of `items` for a key, or nil.
    @inline(__always) func lookup(_ key: UInt64) -> Range<Int>? {
        let k = Self.stored(key)
        var slot = Int(truncatingIfNeeded: k) & mask
        while true {
            let found = keys[slot]
            if found == k {
                let r = ranges[slot]
                return Int(r.start)..<Int(r.start + r.count)
            }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always) func contains(_ key: UInt64) -> Bool { lookup(key) != nil }
}
