/// Cutting a segment by term bands, for a merge that lays out a large field one band of
/// its terms at a time (`FieldIndex.merging`, `TermBands`).
extension Segment {
    /// The segment's terms and postings in `count` pieces: piece `b` holds the terms whose
    /// band (`band(term id)`) is `b`, in the segment's order, entries and bytes copied as
    /// they are. Each piece has its own exact-size blocks, so it can be freed on its own.
    /// - Parameter bands: scratch for each term's band, kept by the caller between calls.
    func split(into count: Int, bands: inout [UInt8], band: (Int) -> Int) -> [Segment] {
        var termCounts = [Int](repeating: 0, count: count)
        var entryBytes = [Int](repeating: 0, count: count)
        var postingBytes = [Int](repeating: 0, count: count)
        if bands.count < termCount { bands = [UInt8](repeating: 0, count: termCount) }
        // Sizes first, so that every piece is allocated once, exactly.
        terms.withUnsafeBufferPointer { terms in
            var i = 0
            for t in 0..<termCount {
                let start = i
                let b = band(Int(Self.read(terms, &i)))
                _ = Self.read(terms, &i)
                _ = Self.read(terms, &i)
                postingBytes[b] += Int(Self.read(terms, &i))
                termCounts[b] += 1
                entryBytes[b] += i - start
                bands[t] = UInt8(b)
            }
        }
        let entries = entryBytes.map { SegmentBytes(uninitialized: $0) }
        let postings = postingBytes.map { SegmentBytes(uninitialized: $0) }
        var entryAt = [Int](repeating: 0, count: count)
        var postingAt = [Int](repeating: 0, count: count)
        terms.withUnsafeBufferPointer { terms in
            bytes.withUnsafeBufferPointer { bytes in
                var i = 0
                var from = 0
                for t in 0..<termCount {
                    let b = Int(bands[t])
                    let start = i
                    _ = Self.read(terms, &i)
                    _ = Self.read(terms, &i)
                    _ = Self.read(terms, &i)
                    let byteCount = Int(Self.read(terms, &i))
                    (entries[b].base + entryAt[b]).initialize(from: terms.baseAddress.unsafelyUnwrapped + start,
                                                              count: i - start)
                    if byteCount > 0 {
                        (postings[b].base + postingAt[b]).initialize(from: bytes.baseAddress.unsafelyUnwrapped + from,
                                                                     count: byteCount)
                    }
                    entryAt[b] += i - start
                    postingAt[b] += byteCount
                    from += byteCount
                }
            }
        }
        return (0..<count).map { b in
            Segment(worker: worker, termCount: termCounts[b], terms: entries[b], largeFrequencies: 0,
                    bytes: postings[b], lengths: [], totalLength: 0)
        }
    }
}
