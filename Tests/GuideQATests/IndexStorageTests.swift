import Foundation
import Testing
@testable import GuideQA

/// The compact parts of a `FieldIndex` and of a loaded corpus (format version 2): the
/// term table, one-byte frequencies, packed positions, and passages read in place.
@Suite struct IndexStorageTests {
    /// The same bytes as the index file would hold them, read back through `init(stored:)`.
    static func stored<T>(_ bytes: [UInt8], _ make: (UnsafeRawBufferPointer, IndexFileRegion) throws -> T) throws -> T {
        let region = bytes.withUnsafeBytes { IndexFileRegion(copying: $0) }
        return try make(region.bytes, region)
    }

    // MARK: Term table

    @Test func termTableFindsEveryTermAndNothingElse() throws {
        let terms = (0..<5_000).map { "t\($0)" } + ["", "é", "β-2", "ferritin", "g/l"]
        let table = try #require(TermTable(terms))
        let loaded = try Self.stored(table.storedBytes) { try TermTable(stored: $0, in: $1, terms: terms.count, section: "t") }
        for candidate in [table, loaded] {
            #expect(candidate.count == terms.count)
            for (id, term) in terms.enumerated() {
                #expect(candidate.id(of: term) == Int32(id), "\(term)")
                #expect(candidate[id] == term)
            }
            for missing in ["t5000", "t-1", "ferritins", "Ferritin", "e\u{301}x", " ", "t1 "] {
                #expect(candidate.id(of: missing) == nil, "\(missing)")
            }
        }
        #expect(loaded == table)
        #expect(Array(loaded) == terms)
    }

    /// Terms whose hashes land on the same slot are found by probing past each other.
    @Test func termTableResolvesCollisions() throws {
        // Three terms → 8 slots: search for terms that share the first term's slot.
        let slots = TermTable.slotCount(for: 3)
        #expect(slots == 8)
        func slot(_ term: String) -> Int {
            var copy = term
            return copy.withUTF8 { TermTable.hash(UnsafeRawBufferPointer($0)) } & (slots - 1)
        }
        let target = slot("a0")
        let clashing = (1..<1_000).map { "a\($0)" }.filter { slot($0) == target }.prefix(2)
        #expect(clashing.count == 2)
        let terms = ["a0"] + clashing
        let table = try #require(TermTable(Array(terms)))
        for (id, term) in terms.enumerated() { #expect(table.id(of: term) == Int32(id)) }
        // A missing term on the same slot walks the whole cluster and stops at the empty slot.
        let missing = try #require((1_000..<5_000).map { "a\($0)" }.first { slot($0) == target })
        #expect(table.id(of: missing) == nil)
    }

    @Test func termTableRefusesARepeatedTerm() {
        #expect(TermTable(["fever", "ferritin", "fever"]) == nil)
        #expect(TermTable([]) != nil)
    }

    @Test func storedTermTableWithBadSizesIsRefused() throws {
        let table = try #require(TermTable(["a", "b", "c"]))
        var bytes = table.storedBytes
        bytes[8] = 3   // slot count 3: not a power of two
        #expect(throws: IndexFileError.self) {
            _ = try Self.stored(bytes) { try TermTable(stored: $0, in: $1, terms: 3, section: "t") }
        }
        #expect(throws: IndexFileError.self) {
            _ = try Self.stored(table.storedBytes) { try TermTable(stored: $0, in: $1, terms: 4, section: "t") }
        }
    }

    // MARK: Frequencies and positions

    @Test func frequenciesAreExactAtEverySize() throws {
        let values: [Int32] = [1, 2, 254, 255, 256, 1_000, 70_000, 1, 300, 3]
        let column = FrequencyColumn(values)
        let loaded = try Self.stored(column.storedBytes) {
            try FrequencyColumn(stored: $0, in: $1, postings: values.count, section: "f")
        }
        for candidate in [column, loaded] {
            #expect(Array(candidate) == values)
            candidate.withUnsafeBufferPointer { buffer in
                #expect(buffer.count == values.count)
                #expect((0..<buffer.count).map { buffer[$0] } == values)
            }
        }
        #expect(loaded == column)
    }

    @Test func packedPositionsMatchTheFlatOnes() throws {
        // 40 postings (past two checkpoints), frequencies 1…7, positions with gaps of all sizes.
        var frequencies: [Int32] = []
        var start: [Int32] = [0]
        var positions: [Int32] = []
        for p in 0..<40 {
            let frequency = Int32(p % 7 + 1)
            frequencies.append(frequency)
            var position: Int32 = Int32(p * 3)
            for k in 0..<Int(frequency) {
                positions.append(position)
                position += Int32([0, 1, 127, 128, 20_000, 3_000_000][(p + k) % 6])
            }
            start.append(Int32(positions.count))
        }
        let column = FrequencyColumn(frequencies)
        let packed = try PackedPositions(positionStart: start, positions: positions)
        let loaded = try Self.stored(packed.storedBytes) {
            try PackedPositions(stored: $0, in: $1, postings: frequencies.count, section: "p")
        }
        for candidate in [packed, loaded] {
            for p in 0..<frequencies.count {
                #expect(candidate.positions(p, column) == Array(positions[Int(start[p])..<Int(start[p + 1])]), "posting \(p)")
            }
            let flat = candidate.unpacked(column)
            #expect(flat.start == start)
            #expect(flat.positions == positions)
        }
    }

    @Test func varintsAreSkippedWordAtATimeAsByteByByte() {
        // Streams of one- to five-byte varints, every count from 1 to past the end (a
        // damaged stream stops at its end), from every start: the 8-byte steps must land
        // where a byte-by-byte count of the ends does.
        var generator = FuzzRegressionTests.PRNG(state: 7)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 40, 100] {
            let bytes = (0..<length).map { _ -> UInt8 in
                let r = generator.next()
                return UInt8(truncatingIfNeeded: r % 3 == 0 ? r | 0x80 : r & 0x7F)
            }
            bytes.withUnsafeBufferPointer { stream in
                let base = stream.baseAddress ?? UnsafePointer(bitPattern: 8)!
                for from in 0...length {
                    for count in 1...(length - from + 2) {
                        var offset = from, left = count
                        while left > 0 && offset < length {
                            if base[offset] < 0x80 { left -= 1 }
                            offset += 1
                        }
                        #expect(PackedPositions.skipVarints(count, in: base, from: from, to: length) == offset,
                                "length \(length), from \(from), count \(count)")
                    }
                }
            }
        }
    }

    // MARK: Passages read in place

    @Test func loadedPassagesAreMadeOnDemandAndEqualTheParsedOnes() throws {
        let texts = ["Ferritin (FER) is high", "", "Ünïcode ✓ β-2 10 mg/kg", String(repeating: "fever ", count: 300)]
        let corpus = try MiniCorpus.jsonl(texts.enumerated().map { ("p\($0.offset)", "Title \($0.offset % 2)", $0.element) })
        let contents = try IndexFile.decode(try IndexFileTests.encode(corpus), expecting: IndexFileTests.expectation())
        #expect(contents.corpus.passages.count == texts.count)
        for i in texts.indices {
            #expect(contents.corpus.passages[i] == corpus.passages[i])
            #expect(contents.corpus.passages.id(at: i) == "p\(i)")
        }
        #expect(Array(contents.corpus.passages.map(\.text)) == corpus.passages.map(\.text))
        // 300 occurrences: the frequency is exact past the one-byte column.
        #expect(contents.index.body.frequency(of: "fever", in: 3) == 300)
        #expect(contents.index.body.positions(of: "fever", in: 3).count == 300)
        #expect(Array(contents.index.body.positions(of: "fever", in: 3)) == (0..<300).map(Int32.init))
    }

    /// The mapping lives as long as the contents: unlinking the file does not matter, and
    /// texts read long after loading are the stored ones.
    @Test func loadedIndexOutlivesItsFileName() throws {
        let corpus = try MiniCorpus.jsonl([("a", "T", "ferritin and fever"), ("b", "T", "cytokine storm")])
        let path = try MiniCorpus.folder([:]) + "/index.gqx"
        try Data(try IndexFileTests.encode(corpus)).write(to: URL(fileURLWithPath: path))
        let contents = try IndexFile.load(path: path, expecting: IndexFileTests.expectation())
        try FileManager.default.removeItem(atPath: path)
        let engine = try IndexFileTests.engine(contents)
        #expect(engine.answer("cytokine storm").items.first?.passage.text == "cytokine storm")
        #expect(contents.corpus.passages[0].text == "ferritin and fever")
    }

    /// A flip deep in the passage texts (read in place later) is caught at load, by the
    /// texts' checksum, before any text is used.
    @Test func flipInPassageTextsIsCaughtAtLoad() throws {
        let texts = (0..<200).map { "Passage \($0) about ferritin, fever and cytopenias in adults." }
        let corpus = try MiniCorpus.jsonl(texts.enumerated().map { ("p\($0.offset)", "T", $0.element) })
        var bytes = try IndexFileTests.encode(corpus)
        let needle = Array("Passage 150 about".utf8)
        let at = try #require((0..<bytes.count - needle.count).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes[at + 3] ^= 0x01
        #expect(IndexFileTests.error(bytes) == .checksumMismatch("the passage texts"))
    }
}
