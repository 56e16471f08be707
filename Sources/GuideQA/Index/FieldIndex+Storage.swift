extension FieldIndex {
    /// A field index from its stored arrays (an index file): the term → id dictionary is
    /// not stored, it is rebuilt from `terms`. Returns nil when two terms are equal,
    /// which only a damaged file can contain.
    init?(storedTerms terms: [String], postingStart: [Int32], postingPassages: [Int32], postingFrequencies: [Int32],
          positionStart: [Int32], positions: [Int32], lengths: [Int32], totalLength: Int) {
        var ids = [String: Int32](minimumCapacity: terms.count)
        for (id, term) in terms.enumerated() where ids.updateValue(Int32(id), forKey: term) != nil {
            return nil
        }
        self.init(termIDs: ids, terms: terms, postingStart: postingStart, postingPassages: postingPassages,
                  postingFrequencies: postingFrequencies, positionStart: positionStart, positions: positions,
                  lengths: lengths, totalLength: totalLength)
    }
}
