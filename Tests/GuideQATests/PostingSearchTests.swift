import Testing
@testable import GuideQA

/// The searches the ranker makes in posting lists all return what a plain lower bound
/// returns, whichever path they take: the linear window, or galloping and halving.
@Suite struct PostingSearchTests {
    /// A sorted list of distinct passages: evenly spread, clustered, or both.
    private func list(_ count: Int, seed: UInt64, clustered: Bool) -> [Int32] {
        var generator = FuzzRegressionTests.PRNG(state: seed)
        var passages: [Int32] = []
        var p: Int32 = Int32(generator.next() % 50)
        for k in 0..<count {
            let burst = clustered && (k / 200) % 2 == 0
            p += burst ? 1 : Int32(1 + generator.next() % 40)
            passages.append(p)
        }
        return passages
    }

    private func plain(_ passages: [Int32], from: Int, to: Int, _ target: Int32) -> Int {
        (from..<to).first { passages[$0] >= target } ?? to
    }

    @Test(arguments: [false, true])
    func everySearchIsTheLowerBound(clustered: Bool) {
        for (count, seed) in [(3, 1), (40, 2), (600, 3), (5_000, 4)] as [(Int, UInt64)] {
            let passages = list(count, seed: seed, clustered: clustered)
            passages.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                let last = passages.last!
                var generator = FuzzRegressionTests.PRNG(state: seed &+ 100)
                for _ in 0..<400 {
                    let from = Int(generator.next() % UInt64(count))
                    let target = Int32(generator.next() % UInt64(last + 60))
                    let expected = plain(passages, from: from, to: count, target)
                    #expect(PostingSearch.lowerBound(base, from: from, to: count, target) == expected)
                    // seek's contract: the passages before `from` are below the target.
                    if from == 0 || passages[from - 1] < target {
                        #expect(PostingSearch.seek(base, from: from, to: count, target) == expected,
                                "count \(count), from \(from), target \(target)")
                    }
                }
            }
        }
    }

    /// A cursor's searches in ascending order, as `finish` makes them, each from where
    /// the last ended.
    @Test func ascendingSearchesFromTheLastPosition() {
        let passages = list(20_000, seed: 9, clustered: true)
        passages.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var at = 0
            var target: Int32 = 0
            var generator = FuzzRegressionTests.PRNG(state: 5)
            while target <= passages.last! + 10 {
                target += Int32(1 + generator.next() % 3_000)
                at = PostingSearch.seek(base, from: at, to: passages.count, target)
                #expect(at == plain(passages, from: 0, to: passages.count, target))
            }
        }
    }
}
