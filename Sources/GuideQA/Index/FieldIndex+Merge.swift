/// Joining field indexes built over consecutive runs of passages, so that indexing can
/// use every core: each part is built on its own thread, then the parts are appended.
///
/// The result is identical to building sequentially: terms keep first-seen order (the
/// first part's terms, then the new terms of the next, in its order), and each term's
/// postings stay in passage order because the parts cover consecutive passages.
extension FieldIndex {
    static func concatenating(_ parts: [FieldIndex]) -> FieldIndex {
        guard parts.count > 1 else { return parts.first ?? FieldIndexBuilder().build() }
        var termIDs: [String: Int32] = [:]
        var terms: [String] = []
        var remaps: [[Int32]] = []
        for part in parts {
            var remap = [Int32](repeating: 0, count: part.terms.count)
            for (local, term) in part.terms.enumerated() {
                if let id = termIDs[term] {
                    remap[local] = id
                } else {
                    let id = Int32(terms.count)
                    termIDs[term] = id
                    terms.append(term)
                    remap[local] = id
                }
            }
            remaps.append(remap)
        }
        // Postings per global term, summed over parts.
        var counts = [Int32](repeating: 0, count: terms.count + 1)
        for (k, part) in parts.enumerated() {
            for local in 0..<part.terms.count {
                counts[Int(remaps[k][local]) + 1] += part.postingStart[local + 1] - part.postingStart[local]
            }
        }
        for t in 0..<terms.count { counts[t + 1] += counts[t] }
        let postingStart = counts
        let total = Int(postingStart[terms.count])
        // Where each part's postings of a term go: after the earlier parts' postings of it.
        var cursor = Array(postingStart.dropLast())
        var target = [[Int32]](repeating: [], count: parts.count)
        for (k, part) in parts.enumerated() {
            var starts = [Int32](repeating: 0, count: part.terms.count)
            for local in 0..<part.terms.count {
                let global = Int(remaps[k][local])
                starts[local] = cursor[global]
                cursor[global] += part.postingStart[local + 1] - part.postingStart[local]
            }
            target[k] = starts
        }
        var passages = [Int32](repeating: 0, count: total)
        var frequencies = [Int32](repeating: 0, count: total)
        var positionCounts = [Int32](repeating: 0, count: total + 1)
        var base: Int32 = 0
        // The source posting (part, index) of each target slot, for copying positions.
        var slotSource = [Int](repeating: 0, count: total)
        var slotPart = [Int](repeating: 0, count: total)
        for (k, part) in parts.enumerated() {
            for local in 0..<part.terms.count {
                var slot = Int(target[k][local])
                for p in Int(part.postingStart[local])..<Int(part.postingStart[local + 1]) {
                    passages[slot] = part.postingPassages[p] + base
                    frequencies[slot] = part.postingFrequencies[p]
                    positionCounts[slot + 1] = part.positionStart[p + 1] - part.positionStart[p]
                    slotSource[slot] = p
                    slotPart[slot] = k
                    slot += 1
                }
            }
            base += Int32(part.passageCount)
        }
        for s in 0..<total { positionCounts[s + 1] += positionCounts[s] }
        var positions = [Int32](repeating: 0, count: Int(positionCounts[total]))
        positions.withUnsafeMutableBufferPointer { out in
            for s in 0..<total {
                let part = parts[slotPart[s]]
                let p = slotSource[s]
                var write = Int(positionCounts[s])
                for q in Int(part.positionStart[p])..<Int(part.positionStart[p + 1]) {
                    out[write] = part.positions[q]
                    write += 1
                }
            }
        }
        return FieldIndex(termIDs: termIDs, terms: terms, postingStart: postingStart, postingPassages: passages,
                          postingFrequencies: frequencies, positionStart: positionCounts, positions: positions,
                          lengths: parts.flatMap(\.lengths), totalLength: parts.reduce(0) { $0 + $1.totalLength })
    }
}
