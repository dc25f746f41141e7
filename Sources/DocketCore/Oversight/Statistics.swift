import Foundation

/// The few statistics the oversight pages need, written out so that anyone can check them.
public enum Statistics {
    /// The value below which a fraction q of the values fall (nearest-rank; q in 0…1).
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        var copy = values
        return quantile(selecting: &copy, q)
    }

    /// The same, found by selection rather than a full sort (linear time on average); reorders
    /// `values`. A million values take milliseconds, where sorting them takes tens.
    public static func quantile(selecting values: inout [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let rank = max(1, Int((q * Double(values.count)).rounded(.up)))
        let k = min(rank, values.count) - 1
        var lo = 0, hi = values.count - 1
        values.withUnsafeMutableBufferPointer { v in
            while lo < hi {
                // Median of three as the pivot; Hoare partition.
                let mid = lo + (hi - lo) / 2
                if v[mid] < v[lo] { v.swapAt(mid, lo) }
                if v[hi] < v[lo] { v.swapAt(hi, lo) }
                if v[hi] < v[mid] { v.swapAt(hi, mid) }
                let pivot = v[mid]
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while pivot < v[j] { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { break }
            }
        }
        return values[k]
    }

    /// Wilson score interval for a proportion at 95%: honest for small groups and for 0% or 100%,
    /// where the usual normal interval collapses to a point.
    public static func wilson(_ successes: Int, _ n: Int, z: Double = 1.96) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let p = Double(successes) / Double(n), nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot() / (1 + z * z / nn)
        return (max(0, centre - half), min(1, centre + half))
    }

    /// Two-proportion z statistic: this group against everyone else, with the pooled proportion.
    public static func zAgainstRest(_ k: Int, _ n: Int, restK: Int, restN: Int) -> Double {
        guard n > 0, restN > 0 else { return 0 }
        let p1 = Double(k) / Double(n), p2 = Double(restK) / Double(restN)
        let pooled = Double(k + restK) / Double(n + restN)
        let se = (pooled * (1 - pooled) * (1 / Double(n) + 1 / Double(restN))).squareRoot()
        return se == 0 ? 0 : (p1 - p2) / se
    }
}
