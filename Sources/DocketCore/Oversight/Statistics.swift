import Foundation

/// The few statistics the oversight pages need, written out so that anyone can check them.
public enum Statistics {
    /// The value below which a fraction q of the values fall (nearest-rank; q in 0…1).
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
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
