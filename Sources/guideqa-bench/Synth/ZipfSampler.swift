/// Samples ranks 0..<size with probability ∝ 1 / (rank + 1 + q): Zipf–Mandelbrot,
/// the usual fit of word frequencies in text (q ≈ 2.7 flattens the very top).
///
/// Only +, / and × on doubles, in a fixed order: IEEE 754 makes them identical on
/// every machine, so a seed gives the same corpus everywhere (pow/log would not).
/// A guide table jumps to the right stretch of the cumulative table before the
/// binary search.
struct ZipfSampler {
    private let cumulative: [Double]
    private let total: Double
    private let guide: [Int32]

    init(size: Int, q: Double = 2.7, guideSize: Int = 1 << 16) {
        var cumulative = [Double](repeating: 0, count: size)
        var sum = 0.0
        for rank in 0..<size {
            sum += 1 / (Double(rank + 1) + q)
            cumulative[rank] = sum
        }
        self.cumulative = cumulative
        total = sum
        // guide[b] = the first rank whose cumulative weight reaches b / guideSize of the total.
        var guide = [Int32](repeating: 0, count: guideSize + 1)
        var rank = 0
        for b in 0...guideSize {
            let threshold = Double(b) / Double(guideSize) * sum
            while rank < size - 1 && cumulative[rank] < threshold { rank += 1 }
            guide[b] = Int32(rank)
        }
        self.guide = guide
    }

    func sample(_ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        let target = u * total
        let bucket = Int(u * Double(guide.count - 1))
        var low = Int(guide[bucket]) > 0 ? Int(guide[bucket]) - 1 : 0
        var high = Int(guide[min(bucket + 1, guide.count - 1)])
        // The first rank whose cumulative weight exceeds the target.
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
