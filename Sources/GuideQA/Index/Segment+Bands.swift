/// Cutting a segment by term bands, for a merge that lays out a large field one band of
/// its terms at a time (`FieldIndex.merging`).
extension Segment {
    /// The segment's terms and postings in `count` pieces: piece `b` holds the terms whose
    /// band (`band(term id)`) is `b`, in the segment's order, entries and bytes copied as
    /// they are. Each piece has its own exact-size arrays, so it can be freed on its own.
    func split(into count: Int, band: (Int) -> Int) -> [Segment] {
        var termCounts = [Int](repeating: 0, count: count)
        var entryBytes = [Int](repeating: 0, count: count)
        var postingBytes = [Int](repeating: 0, count: count)
        var bands = [UInt8](repeating: 0, count: termCount)
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
        var entries = (0..<count).map { Self.uninitialized(entryBytes[$0]) }
        var postings = (0..<count).map { Self.uninitialized(postingBytes[$0]) }
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
                    Self.copy(UnsafeBufferPointer(rebasing: terms[start..<i]), into: &entries[b], at: entryAt[b])
                    Self.copy(UnsafeBufferPointer(rebasing: bytes[from..<from + byteCount]), into: &postings[b],
                              at: postingAt[b])
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

    /// Bytes that `split` writes whole before anything reads them.
    private static func uninitialized(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    @inline(__always)
    private static func copy(_ source: UnsafeBufferPointer<UInt8>, into target: inout [UInt8], at offset: Int) {
        guard let from = source.baseAddress, source.count > 0 else { return }
        target.withUnsafeMutableBufferPointer { out in
            (out.baseAddress.unsafelyUnwrapped + offset).update(from: from, count: source.count)
        }
    }
}
