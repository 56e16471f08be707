/// Collects one field's tokens for one chunk on one thread, then packs them into a
/// `Segment`. Its arrays are kept between chunks, so a thread allocates them once.
struct SegmentWriter {
    /// Per token, in text order: the worker's term id, then (after `seal` renumbers
    /// them) the chunk-local id.
    private var tokenTerms: [Int32] = []
    private var tokenPositions: [Int32] = []
    /// Tokens so far at the end of each passage of the chunk.
    private var passageEnds: [Int32] = []
    private var lengths: [Int32] = []
    private var totalLength = 0
    // Scratch for `seal`, kept to avoid reallocating per chunk.
    private var localOf: [Int32] = []
    private var starts: [Int32] = []
    private var sortedPassages: [Int32] = []
    private var sortedPositions: [Int32] = []
    /// Where `seal` codes a segment before copying it out at its exact size: grown to the
    /// worst case (5 bytes a value) once, then reused, written through a pointer.
    private var encodedTerms: [UInt8] = []
    private var encoded: [UInt8] = []

    var tokenCount: Int { tokenTerms.count }

    @inline(__always)
    mutating func append(term: Int32, position: Int32) {
        tokenTerms.append(term)
        tokenPositions.append(position)
    }

    /// A passage's tokens at once (`WordAnalysis` gathers them without per-token array
    /// growth checks): the same as appending them one by one.
    mutating func append(terms: UnsafeBufferPointer<Int32>, positions: UnsafeBufferPointer<Int32>) {
        tokenTerms.append(contentsOf: terms)
        tokenPositions.append(contentsOf: positions)
    }

    mutating func endPassage() {
        let count = Int32(tokenTerms.count - Int(passageEnds.last ?? 0))
        passageEnds.append(Int32(tokenTerms.count))
        lengths.append(count)
        totalLength += Int(count)
    }

    /// Packs the chunk's tokens, grouped by term (first-seen order), and empties the writer.
    /// - Parameter termCount: the size of the worker's term table (all ids are below it).
    mutating func seal(worker: Int, termCount: Int) -> Segment {
        if localOf.count < termCount { localOf.append(contentsOf: repeatElement(-1, count: termCount - localOf.count)) }
        var terms: [Int32] = []
        let tokens = tokenTerms.count
        // Chunk-local ids in first-seen order, and tokens per local term.
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        tokenTerms.withUnsafeMutableBufferPointer { tokenTerms in
            localOf.withUnsafeMutableBufferPointer { localOf in
                for t in 0..<tokens {
                    let w = Int(tokenTerms[t])
                    var local = localOf[w]
                    if local < 0 {
                        local = Int32(terms.count)
                        localOf[w] = local
                        terms.append(Int32(w))
                        starts.append(0)
                    }
                    tokenTerms[t] = local
                    starts[Int(local) + 1] += 1
                }
                for w in terms { localOf[Int(w)] = -1 }
            }
        }
        let termTotal = terms.count
        for l in 0..<termTotal { starts[l + 1] += starts[l] }
        // Stable scatter by term: within a term, passages and positions stay ascending.
        sortedPassages.removeAll(keepingCapacity: true)
        sortedPositions.removeAll(keepingCapacity: true)
        sortedPassages.append(contentsOf: repeatElement(0, count: tokens))
        sortedPositions.append(contentsOf: repeatElement(0, count: tokens))
        var cursor = starts
        sortedPassages.withUnsafeMutableBufferPointer { outPassages in
            sortedPositions.withUnsafeMutableBufferPointer { outPositions in
                var t = 0
                for (p, end) in passageEnds.enumerated() {
                    while t < Int(end) {
                        let local = Int(tokenTerms[t])
                        let slot = Int(cursor[local])
                        cursor[local] += 1
                        outPassages[slot] = Int32(p)
                        outPositions[slot] = tokenPositions[t]
                        t += 1
                    }
                }
            }
        }
        // At most 5 bytes a value: a passage delta and a frequency per posting (at most
        // one posting a token), a position per token; four values per term.
        if encoded.count < 15 * tokens { encoded = Self.scratch(15 * tokens) }
        if encodedTerms.count < 20 * termTotal { encodedTerms = Self.scratch(20 * termTotal) }
        let coded = encoded.withUnsafeMutableBufferPointer { out in
            encodedTerms.withUnsafeMutableBufferPointer { entries in
                terms.withUnsafeBufferPointer { terms in
                    starts.withUnsafeBufferPointer { starts in
                        sortedPassages.withUnsafeBufferPointer { passages in
                            sortedPositions.withUnsafeMutableBufferPointer { positions in
                                Self.code(terms: terms, starts: starts, passages: passages, positions: positions,
                                          into: out, entries: entries)
                            }
                        }
                    }
                }
            }
        }
        let segment = encoded.withUnsafeBufferPointer { encoded in
            encodedTerms.withUnsafeBufferPointer { encodedTerms in
                Segment(worker: worker, termCount: termTotal,
                        terms: SegmentBytes(copying: UnsafeBufferPointer(rebasing: encodedTerms[..<coded.entries])),
                        largeFrequencies: coded.largeFrequencies,
                        bytes: SegmentBytes(copying: UnsafeBufferPointer(rebasing: encoded[..<coded.bytes])),
                        lengths: lengths, totalLength: totalLength)
            }
        }
        tokenTerms.removeAll(keepingCapacity: true)
        tokenPositions.removeAll(keepingCapacity: true)
        passageEnds.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        totalLength = 0
        return segment
    }

    /// Bytes to be written before they are read, not zero-filled: only what a seal writes
    /// is ever copied out.
    private static func scratch(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// What `code` wrote: bytes of postings, bytes of term entries, and the number of
    /// postings with a frequency of 255 or more.
    private struct Coded {
        var bytes: Int
        var entries: Int
        var largeFrequencies: Int
    }

    /// Codes the chunk's postings, grouped by term (term `l` owns the tokens
    /// `starts[l]..<starts[l+1]`), into `out`, and the term entries into `entries` (layout
    /// in `Segment`). A plain loop over pointers, so that its cursors stay in registers;
    /// each posting checks once that its worst case (5 bytes a value) fits.
    private static func code(terms: UnsafeBufferPointer<Int32>, starts: UnsafeBufferPointer<Int32>,
                             passages: UnsafeBufferPointer<Int32>, positions: UnsafeMutableBufferPointer<Int32>,
                             into out: UnsafeMutableBufferPointer<UInt8>,
                             entries: UnsafeMutableBufferPointer<UInt8>) -> Coded {
        var at = 0, entryAt = 0, large = 0
        for l in 0..<terms.count {
            var i = Int(starts[l])
            let end = Int(starts[l + 1])
            let termStart = at
            var previousPassage: Int32 = 0
            var postings: UInt32 = 0
            var positionBytes = 0
            while i < end {
                let passage = passages[i]
                var j = i + 1
                while j < end && passages[j] == passage { j += 1 }
                precondition(at + 5 * (2 + j - i) <= out.count, "a posting fits its worst case")
                LEB128.write(UInt32(passage - previousPassage), to: out, at: &at)
                LEB128.write(UInt32(j - i), to: out, at: &at)
                if j - i >= 255 { large += 1 }
                let before = at
                if !writeGaps(positions, i..<j, to: out, at: &at) {
                    // A word whose terms were given out of order: code them sorted, as the
                    // sequential builder (and any reader) has them.
                    at = before
                    var unsorted = UnsafeMutableBufferPointer(rebasing: positions[i..<j])
                    unsorted.sort()
                    _ = writeGaps(positions, i..<j, to: out, at: &at)
                }
                positionBytes += at - before
                previousPassage = passage
                postings += 1
                i = j
            }
            precondition(entryAt + 20 <= entries.count, "a term entry fits its worst case")
            LEB128.write(UInt32(terms[l]), to: entries, at: &entryAt)
            LEB128.write(postings, to: entries, at: &entryAt)
            LEB128.write(UInt32(positionBytes), to: entries, at: &entryAt)
            LEB128.write(UInt32(at - termStart), to: entries, at: &entryAt)
        }
        return Coded(bytes: at, entries: entryAt, largeFrequencies: large)
    }

    /// Writes one posting's positions as the packed positions code them: the first as
    /// is, the others as gaps. False (with bytes already written) when a gap is negative.
    @inline(__always)
    private static func writeGaps(_ positions: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>,
                                  to out: UnsafeMutableBufferPointer<UInt8>, at: inout Int) -> Bool {
        var previous: Int32 = 0
        for k in range {
            let position = positions[k]
            guard position >= previous else { return false }
            LEB128.write(UInt32(bitPattern: position - previous), to: out, at: &at)
            previous = position
        }
        return true
    }
}
