import Testing
@testable import GuideQA

/// The index build's byte-keyed tables: ids in insertion order, found again after growing.
@Suite struct BuildTablesTests {
    @Test func byteKeyTableNumbersKeysInInsertionOrder() {
        var table = ByteKeyTable(capacity: 1)
        let keys = (0..<5_000).map { "k\($0)" } + ["", "a", "a longer key than sixteen bytes", "é", "ε"]
        for (i, key) in keys.enumerated() { #expect(table.id(key) == Int32(i)) }
        for (i, key) in keys.enumerated() {
            #expect(table.id(key) == Int32(i))
            #expect(table.find(key) == Int32(i))
            #expect(table.string(Int32(i)) == key)
        }
        #expect(table.count == keys.count)
        #expect(table.find("absent") == nil)
    }

    @Test func surfaceTableAnswersShortLongAndMultiTermWordsAfterGrowing() {
        var table = SurfaceTable(limit: 100_000)
        func probe(_ word: String, _ body: (UnsafePointer<UInt8>, SurfaceTable.Probe) -> Void) {
            ByteKeyTable.withBytes(word) { base, count in body(base, SurfaceTable.probe(base, count, readable: count)) }
        }
        // Short single-term words live in the slot; the rest in side entries.
        for i in 0..<20_000 {
            probe("w\(i)") { base, p in table.insert(base, p, terms: [(id: Int32(i), offset: 0)], width: 1) }
            probe("a-much-longer-word-\(i)") { base, p in
                table.insert(base, p, terms: [(id: Int32(i), offset: 0), (id: 7, offset: 1)], width: 2)
            }
        }
        probe("stop") { base, p in table.insert(base, p, terms: [], width: 1) }
        for i in 0..<20_000 {
            probe("w\(i)") { base, p in
                guard case .single(let id)? = table.find(base, p) else { Issue.record("w\(i)"); return }
                #expect(id == Int32(i))
            }
            probe("a-much-longer-word-\(i)") { base, p in
                guard case .entry(let e)? = table.find(base, p) else { Issue.record("long \(i)"); return }
                #expect(table.terms(of: e).map { table.termIDs[$0] } == [Int32(i), 7])
                #expect(table.terms(of: e).map { table.offsets[$0] } == [0, 1])
                #expect(table.width(of: e) == 2)
            }
        }
        probe("stop") { base, p in
            guard case .entry(let e)? = table.find(base, p) else { Issue.record("stop"); return }
            #expect(table.terms(of: e).isEmpty)
        }
        probe("w20000") { base, p in #expect(table.find(base, p) == nil) }
        probe("a-much-longer-word-20000") { base, p in #expect(table.find(base, p) == nil) }
    }

    @Test func surfaceTableProbeIsTheSameWhateverFollowsTheWord() {
        // The build reads a word's first 8 bytes in one load when the text goes on (and
        // masks off what follows); a word at the end of its text is read byte by byte.
        let text = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        text.withUnsafeBufferPointer { bytes in
            for start in 0..<4 {
                for length in 1...20 {
                    let base = bytes.baseAddress! + start
                    let alone = SurfaceTable.probe(base, length, readable: length)
                    #expect(SurfaceTable.probe(base, length, readable: bytes.count - start) == alone)
                    // A different byte after the word changes nothing either.
                    let copy = Array(bytes[start..<(start + length)]) + Array("!!!!!!!!".utf8)
                    copy.withUnsafeBufferPointer { #expect(SurfaceTable.probe($0.baseAddress!, length, readable: $0.count) == alone) }
                }
            }
        }
    }

    @Test func tokenBufferKeepsEveryTokenAcrossGrowing() {
        let buffer = TokenBuffer()
        for round in 0..<2 {
            buffer.removeAll()
            for i in 0..<20_000 { buffer.append(term: Int32(i * 3 + round), position: Int32(i)) }
            #expect(buffer.count == 20_000)
            #expect(Array(buffer.terms) == (0..<20_000).map { Int32($0 * 3 + round) })
            #expect(Array(buffer.positions) == (0..<20_000).map { Int32($0) })
        }
    }

    @Test func passagesLongerThanTheTokenBufferIndexAsTheSequentialBuildDoes() throws {
        // A passage's tokens are gathered before they go to the segment writer; passages
        // of thousands of words (and their headings) must come through whole.
        let words = ChunkedIndexTests.words
        var rows: [(String, String, String)] = []
        for i in 0..<12 {
            let length = i % 3 == 0 ? 9_000 + i : 5 + i
            rows.append(("p\(i)", "Title \(i)", (0..<length).map { words[($0 * 7 + i) % words.count] }.joined(separator: " ")))
        }
        let corpus = try MiniCorpus.jsonl(rows)
        let analyzer = Analyzer()
        let (body, heading) = ChunkedIndexTests.sequential(corpus, analyzer)
        let built = InvertedIndex(corpus: corpus, analyzer: analyzer, chunkBytes: 20_000, threads: 2)
        #expect(built.body.lengths.max() ?? 0 > 9_000)
        ChunkedIndexTests.expectEqual(built.body, body)
        ChunkedIndexTests.expectEqual(built.heading, heading)
    }

    @Test func surfaceTableStopsRememberingAtItsLimit() {
        var table = SurfaceTable(limit: 3)
        for word in ["a", "b", "c"] {
            ByteKeyTable.withBytes(word) { base, count in
                table.insert(base, SurfaceTable.probe(base, count, readable: count), terms: [(id: 0, offset: 0)], width: 1)
            }
        }
        #expect(table.isFull)
    }
}
