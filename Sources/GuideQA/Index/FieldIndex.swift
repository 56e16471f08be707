/// The inverted index of one field (passage body, or passage heading): term →
/// postings (passage, term frequency, positions), plus each passage's length.
///
/// Immutable and stored in flat arrays (compressed-sparse-row layout): the postings of
/// term `t` are `postingStart[t]..<postingStart[t+1]`, passages ascending; the
/// positions of posting `p` are `positionStart[p]..<positionStart[p+1]`. The scoring
/// loop walks contiguous memory and never touches a dictionary.
public struct FieldIndex: Sendable {
    let termIDs: [String: Int32]
    /// Terms by id, in first-seen order.
    public let terms: [String]
    let postingStart: [Int32]
    let postingPassages: [Int32]
    let postingFrequencies: [Int32]
    let positionStart: [Int32]
    let positions: [Int32]
    /// Tokens per passage in this field.
    public let lengths: [Int32]
    public let totalLength: Int

    public var passageCount: Int { lengths.count }
    public var averageLength: Double { passageCount == 0 ? 0 : Double(totalLength) / Double(passageCount) }

    public func termID(_ term: String) -> Int32? { termIDs[term] }

    /// Number of passages that contain the term.
    public func documentFrequency(_ term: String) -> Int {
        guard let id = termIDs[term] else { return 0 }
        return Int(postingStart[Int(id) + 1] - postingStart[Int(id)])
    }

    func postingRange(_ id: Int32) -> Range<Int> {
        Int(postingStart[Int(id)])..<Int(postingStart[Int(id) + 1])
    }

    /// The term's frequency in one passage (binary search over its postings), 0 if absent.
    public func frequency(of term: String, in passage: Int) -> Int {
        guard let id = termIDs[term], let p = posting(id, passage) else { return 0 }
        return Int(postingFrequencies[p])
    }

    /// The positions of a term in one passage, ascending.
    public func positions(of term: String, in passage: Int) -> ArraySlice<Int32> {
        guard let id = termIDs[term], let p = posting(id, passage) else { return [] }
        return positions[Int(positionStart[p])..<Int(positionStart[p + 1])]
    }

    /// The positions of one posting (an index into the term's postings), ascending.
    func positions(ofPosting p: Int) -> ArraySlice<Int32> {
        positions[Int(positionStart[p])..<Int(positionStart[p + 1])]
    }

    func posting(_ id: Int32, _ passage: Int) -> Int? {
        var range = postingRange(id)
        let target = Int32(passage)
        while !range.isEmpty {
            let mid = range.lowerBound + range.count / 2
            let value = postingPassages[mid]
            if value == target { return mid }
            if value < target { range = (mid + 1)..<range.upperBound } else { range = range.lowerBound..<mid }
        }
        return nil
    }
}
