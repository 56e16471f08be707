import Testing
@testable import GuideQA

/// The two bounded heaps the ranker takes its bars from, against a sort of the same
/// stream: ties, k larger than the stream, k of 1, and streams that rise, fall and repeat.
@Suite struct KLargestTests {
    /// A fixed pseudo-random stream (LCG) with many ties (scores from a small set).
    static func stream(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((state >> 33) % 50) / 4
        }
    }

    @Test func theKthLargestAndThePassagesHoldingTheKLargestAreThoseOfASort() {
        let heap = UnsafeMutablePointer<Double>.allocate(capacity: 64)
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: 64)
        let passages = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
        defer {
            heap.deallocate()
            scores.deallocate()
            passages.deallocate()
        }
        var streams = (0..<20).map { Self.stream(1 + $0 * 17, seed: UInt64($0)) }
        streams.append((0..<100).map(Double.init))
        streams.append((0..<100).reversed().map(Double.init))
        for values in streams {
            for k in [1, 3, 10, 64] {
                var kth = KthLargest(k, in: heap)
                var best = KthLargest(k, in: scores, passages: passages)
                for (i, value) in values.enumerated() {
                    kth.insert(value)
                    best.insert(value, passage: Int32(i))
                }
                let sorted = values.sorted(by: >)
                let expected = values.count >= k ? sorted[k - 1] : -Double.infinity
                #expect(kth.value == expected, "k \(k) of \(values.count)")
                #expect(best.value == expected, "k \(k) of \(values.count)")
                #expect(kth.sortedPassages().isEmpty)
                let kept = Array(best.sortedPassages())
                #expect(kept == kept.sorted() && Set(kept).count == kept.count)
                #expect(kept.count == min(k, values.count))
                // The passages kept hold the k largest scores (which of tied ones does not matter).
                #expect(kept.map { values[Int($0)] }.sorted(by: >) == Array(sorted.prefix(k)), "k \(k)")
            }
        }
    }
}
