/// Per-query latencies reduced to what the report shows. Percentiles are nearest-rank
/// (the p99 of 4,766 queries is a query that really took that long, not an interpolation).
struct LatencySummary: Sendable {
    let count: Int
    /// Seconds.
    let p50: Double
    let p99: Double
    let max: Double
    let mean: Double
    /// Queries per second over the timed pass: count / sum of latencies (single thread).
    let queriesPerSecond: Double

    init?(nanoseconds: [UInt64]) {
        guard !nanoseconds.isEmpty else { return nil }
        let sorted = nanoseconds.sorted()
        func percentile(_ p: Double) -> Double {
            let rank = Swift.max(1, Int((p * Double(sorted.count)).rounded(.up)))
            return Double(sorted[Swift.min(rank, sorted.count) - 1]) / 1e9
        }
        let total = Double(sorted.reduce(0, +)) / 1e9
        count = sorted.count
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        max = Double(sorted[sorted.count - 1]) / 1e9
        mean = total / Double(sorted.count)
        queriesPerSecond = total > 0 ? Double(sorted.count) / total : 0
    }
}
