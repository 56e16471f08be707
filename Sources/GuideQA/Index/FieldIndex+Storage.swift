extension FieldIndex {
    /// A field from flat arrays (the sequential builder's): terms go into a `TermTable`,
    /// frequencies into a `FrequencyColumn` and positions are packed, as every field holds
    /// them. Each posting's positions must be ascending.
    init(terms: [String], postingStart: [Int32], postingPassages: [Int32], postingFrequencies: [Int32],
         positionStart: [Int32], positions: [Int32], lengths: [Int32], totalLength: Int) {
        guard let table = TermTable(terms) else { preconditionFailure("a field's terms must be distinct") }
        let packed: PackedPositions
        do {
            packed = try PackedPositions(positionStart: positionStart, positions: positions)
        } catch {
            preconditionFailure("a posting's positions must be ascending")
        }
        self.init(terms: table, postingStart: postingStart, postingPassages: postingPassages,
                  postingFrequencies: FrequencyColumn(postingFrequencies), packedPositions: packed,
                  lengths: lengths, totalLength: totalLength)
    }

    /// A field as an index file stores it (every part already checked by the reader), or
    /// as the parallel build lays it out.
    init(terms: TermTable, postingStart: [Int32], postingPassages: [Int32], postingFrequencies: FrequencyColumn,
         positions: PackedPositions, lengths: [Int32], totalLength: Int) {
        self.init(terms: terms, postingStart: postingStart, postingPassages: postingPassages,
                  postingFrequencies: postingFrequencies, packedPositions: positions,
                  lengths: lengths, totalLength: totalLength)
    }
}
