import Testing
@testable import GuideQA

/// The directories `finish` reads long lists through: every passage's answer must be
/// the one a search of the list gives, at word edges and past the last full word too.
@Suite struct DenseListTests {
    /// A sorted list of distinct passages below `passageCount`, about one in `every`.
    static func list(_ passageCount: Int, every: Int, seed: UInt64) -> [Int32] {
        var generator = FuzzRegressionTests.PRNG(state: seed)
        return (0..<passageCount).filter { _ in generator.next() % UInt64(every) == 0 }.map(Int32.init)
    }

    @Test(arguments: [1, 63, 64, 65, 130, 1_000, 4_097])
    func aDirectoryFindsEveryPostingASearchFinds(passageCount: Int) {
        for every in [1, 2, 7, 40] {
            // Other postings around the list, as in a field's one column of passages.
            let list = Self.list(passageCount, every: every, seed: UInt64(passageCount * 31 + every))
            let column: [Int32] = [5, 9] + list + [3]
            let range = 2..<(2 + list.count)
            column.withUnsafeBufferPointer { passages in
                let base = passages.baseAddress!
                let directory = DenseList(base, range, passageCount: passageCount)
                let view = DenseList.View(words: directory.words, first: range.lowerBound)
                for passage in 0..<passageCount {
                    let p = PostingSearch.lowerBound(base, from: range.lowerBound, to: range.upperBound, Int32(passage))
                    let expected = p < range.upperBound && base[p] == Int32(passage) ? p : nil
                    #expect(view.posting(passage) == expected, "passage \(passage) of \(passageCount), 1 in \(every)")
                }
            }
        }
    }

    @Test func onlyLongDenseListsGetADirectoryAndTheBudgetIsKept() {
        let passageCount = 6_400
        let dense = Self.list(passageCount, every: 4, seed: 1)      // about 1,600 postings: 1 in 4
        let sparse = Self.list(passageCount, every: 100, seed: 2)   // about 64 postings: 1 in 100
        let column = dense + sparse
        column.withUnsafeBufferPointer { passages in
            let base = passages.baseAddress!
            let denseRange = 0..<dense.count, sparseRange = dense.count..<column.count
            let lists = DenseLists(passageCount: passageCount)
            let first = lists.view(field: 0, base, denseRange)
            #expect(first != nil)
            #expect(lists.view(field: 0, base, sparseRange) == nil)
            // Asked again, the same directory; another field's list at the same place is another.
            #expect(lists.view(field: 0, base, denseRange)?.words == first?.words)
            #expect(lists.view(field: 1, base, denseRange)?.words != first?.words)
            // With no budget, every list is searched.
            #expect(DenseLists(passageCount: passageCount, budget: 0).view(field: 0, base, denseRange) == nil)
        }
    }

    @Test func manyDirectoriesStayFindableAsTheTableGrows() {
        let passageCount = 640
        let list = Self.list(passageCount, every: 2, seed: 3)
        // The same postings read as 200 lists, told apart by where they start.
        let column = Array(repeating: list, count: 200).flatMap { $0 }
        column.withUnsafeBufferPointer { passages in
            let base = passages.baseAddress!
            let lists = DenseLists(passageCount: passageCount)
            var views: [UnsafePointer<DenseList.Word>] = []
            for k in 0..<200 {
                let range = (k * list.count)..<((k + 1) * list.count)
                views.append(lists.view(field: 0, base, range)!.words)
            }
            for k in 0..<200 {
                let range = (k * list.count)..<((k + 1) * list.count)
                let view = lists.view(field: 0, base, range)!
                #expect(view.words == views[k])
                #expect(view.posting(Int(list[1])) == range.lowerBound + 1)
            }
        }
    }
}
