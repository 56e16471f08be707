/// Builds a `FieldIndex` one passage at a time, in the plainest way: the reference
/// that the chunked, parallel build (`InvertedIndex.init`, `SegmentWriter`,
/// `FieldIndex.merging`) is tested against, array for array.
///
/// Postings are appended in passage order as flat entries, then grouped by term
/// with one counting sort, so building is linear in the number of tokens.
struct FieldIndexBuilder {
    private var termIDs: [String: Int32] = [:]
    private var terms: [String] = []
    private var entryTerm: [Int32] = []
    private var entryPassage: [Int32] = []
    private var entryFrequency: [Int32] = []
    private var entryPositionStart: [Int32] = []
    private var entryPositions: [Int32] = []
    private var lengths: [Int32] = []
    private var totalLength = 0
    private var scratch: [UInt64] = []
    private var surfaces: [String: TermNormalizer.Result] = [:]

    private mutating func termID(_ term: String) -> Int32 {
        if let existing = termIDs[term] { return existing }
        let id = Int32(terms.count)
        termIDs[term] = id
        terms.append(term)
        return id
    }

    /// Adds the next passage (passages must be added in order, 0, 1, 2, …).
    mutating func addPassage(_ text: String, analyzer: Analyzer) {
        let passage = Int32(lengths.count)
        scratch.removeAll(keepingCapacity: true)
        var count: Int32 = 0
        var text = text
        text.withUTF8 { bytes in
            var position: Int32 = 0
            WordTokenizer.words(in: bytes) { start, end in
                let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let result = surfaces[surface] ?? {
                    let result = analyzer.normalize(word: surface)
                    surfaces[surface] = result
                    return result
                }()
                for term in result.terms {
                    let id = termID(term.text)
                    scratch.append(UInt64(UInt32(id)) << 32 | UInt64(UInt32(position + term.offset)))
                    count += 1
                }
                position += result.width
            }
        }
        lengths.append(count)
        totalLength += Int(count)
        scratch.sort()
        var i = 0
        while i < scratch.count {
            let id = Int32(truncatingIfNeeded: scratch[i] >> 32)
            entryTerm.append(id)
            entryPassage.append(passage)
            entryPositionStart.append(Int32(entryPositions.count))
            var frequency: Int32 = 0
            while i < scratch.count && Int32(truncatingIfNeeded: scratch[i] >> 32) == id {
                entryPositions.append(Int32(truncatingIfNeeded: scratch[i] & 0xFFFF_FFFF))
                frequency += 1
                i += 1
            }
            entryFrequency.append(frequency)
        }
    }

    func build() -> FieldIndex {
        let termCount = terms.count
        var postingStart = [Int32](repeating: 0, count: termCount + 1)
        for id in entryTerm { postingStart[Int(id) + 1] += 1 }
        for t in 0..<termCount { postingStart[t + 1] += postingStart[t] }
        var cursor = postingStart
        let entries = entryTerm.count
        var order = [Int32](repeating: 0, count: entries)
        for e in 0..<entries {
            let t = Int(entryTerm[e])
            order[Int(cursor[t])] = Int32(e)
            cursor[t] += 1
        }
        var passages = [Int32](repeating: 0, count: entries)
        var frequencies = [Int32](repeating: 0, count: entries)
        var positionStart = [Int32](repeating: 0, count: entries + 1)
        var positions = [Int32]()
        positions.reserveCapacity(entryPositions.count)
        for (p, e32) in order.enumerated() {
            let e = Int(e32)
            passages[p] = entryPassage[e]
            frequencies[p] = entryFrequency[e]
            let start = Int(entryPositionStart[e])
            positions.append(contentsOf: entryPositions[start..<start + Int(entryFrequency[e])])
            positionStart[p + 1] = Int32(positions.count)
        }
        return FieldIndex(terms: terms, postingStart: postingStart, postingPassages: passages,
                          postingFrequencies: frequencies, positionStart: positionStart, positions: positions,
                          lengths: lengths, totalLength: totalLength)
    }
}
