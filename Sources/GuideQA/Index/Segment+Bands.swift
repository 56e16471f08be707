/// Cutting a segment by term bands, for a merge that lays out a large field one band of
/// its terms at a time (`FieldIndex.merging`, `TermBands`).
extension Segment {
    /// Per-entry facts of the segment being cut, kept by a thread between segments.
    struct SplitScratch {
        fileprivate var bands: [UInt8] = []
        fileprivate var entryLengths: [UInt8] = []
        fileprivate var byteCounts: [UInt32] = []
    }

    /// The segment's terms and postings in `count` pieces: piece `b` holds the terms whose
    /// band (`bandOf[toField[term]]`) is `b`, in the segment's order, entries and bytes
    /// copied as they are. Each piece has its own exact-size blocks, so it can be freed on
    /// its own. The entries are decoded once; the copies go through pointers.
    func split(into count: Int, toField: UnsafeBufferPointer<Int32>, bandOf: UnsafeBufferPointer<UInt8>,
               scratch: inout SplitScratch) -> [Segment] {
        if scratch.bands.count < termCount {
            scratch.bands = [UInt8](repeating: 0, count: termCount)
            scratch.entryLengths = [UInt8](repeating: 0, count: termCount)
            scratch.byteCounts = [UInt32](repeating: 0, count: termCount)
        }
        var sizes = [Int](repeating: 0, count: 3 * count)   // per band: terms, entry bytes, posting bytes
        terms.withUnsafeBufferPointer { terms in
            scratch.bands.withUnsafeMutableBufferPointer { bands in
                scratch.entryLengths.withUnsafeMutableBufferPointer { entryLengths in
                    scratch.byteCounts.withUnsafeMutableBufferPointer { byteCounts in
                        sizes.withUnsafeMutableBufferPointer { sizes in
                            var i = 0
                            for t in 0..<termCount {
                                let start = i
                                let b = Int(bandOf[Int(toField[Int(Self.read(terms, &i))])])
                                _ = Self.read(terms, &i)
                                _ = Self.read(terms, &i)
                                let byteCount = Self.read(terms, &i)
                                bands[t] = UInt8(b)
                                entryLengths[t] = UInt8(i - start)
                                byteCounts[t] = byteCount
                                sizes[3 * b] += 1
                                sizes[3 * b + 1] += i - start
                                sizes[3 * b + 2] += Int(byteCount)
                            }
                        }
                    }
                }
            }
        }
        let entries = (0..<count).map { SegmentBytes(uninitialized: sizes[3 * $0 + 1]) }
        let postings = (0..<count).map { SegmentBytes(uninitialized: sizes[3 * $0 + 2]) }
        var entryAt = entries.map(\.base)
        var postingAt = postings.map(\.base)
        terms.withUnsafeBufferPointer { terms in
            bytes.withUnsafeBufferPointer { bytes in
                var entry = terms.baseAddress.unsafelyUnwrapped
                var posting = bytes.baseAddress.unsafelyUnwrapped
                for t in 0..<termCount {
                    let b = Int(scratch.bands[t])
                    let entryLength = Int(scratch.entryLengths[t]), byteCount = Int(scratch.byteCounts[t])
                    Self.copy(entry, entryLength, to: &entryAt[b])
                    Self.copy(posting, byteCount, to: &postingAt[b])
                    entry += entryLength
                    posting += byteCount
                }
            }
        }
        return (0..<count).map { b in
            Segment(worker: worker, termCount: sizes[3 * b], terms: entries[b], largeFrequencies: 0,
                    bytes: postings[b], lengths: [], totalLength: 0)
        }
    }

    /// Copies `count` bytes to `target`, which moves past them: short runs (most terms
    /// have a posting or two) byte by byte, longer ones by `memmove`.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt8>, _ count: Int, to target: inout UnsafeMutablePointer<UInt8>) {
        if count <= 16 {
            for k in 0..<count { target[k] = source[k] }
        } else {
            target.initialize(from: source, count: count)
        }
        target += count
    }
}
