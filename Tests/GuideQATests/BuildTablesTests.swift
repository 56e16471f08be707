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
