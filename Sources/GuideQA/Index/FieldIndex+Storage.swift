extension FieldIndex {
    /// A field from the builder's flat arrays (also what joining slices produces).
    /// Terms go into a `TermTable` and frequencies into a `FrequencyColumn`; positions
    /// stay flat (packing them is the index file writer's job). `termIDs` is the
    /// builder's dictionary; the table replaces it, so it is not kept.
    init(termIDs: [String: Int32], terms: [String], postingStart: [Int32], postingPassages: [Int32],
         postingFrequencies: [Int32], positionStart: [Int32], positions: [Int32], lengths: [Int32], totalLength: Int) {
        guard let table = TermTable(terms) else { preconditionFailure("a field's terms must be distinct") }
        self.init(terms: table, postingStart: postingStart, postingPassages: postingPassages,
                  postingFrequencies: FrequencyColumn(postingFrequencies),
                  positionStore: .flat(start: positionStart, positions: positions),
                  lengths: lengths, totalLength: totalLength)
    }

    /// A field as an index file stores it: every part already checked by the reader.
    init(terms: TermTable, postingStart: [Int32], postingPassages: [Int32], postingFrequencies: FrequencyColumn,
         positions: PackedPositions, lengths: [Int32], totalLength: Int) {
        self.init(terms: terms, postingStart: postingStart, postingPassages: postingPassages,
                  postingFrequencies: postingFrequencies, positionStore: .packed(positions),
                  lengths: lengths, totalLength: totalLength)
    }

    /// The positions packed as the index file stores them (packed now if still flat).
    func packedPositions() throws(IndexFileError) -> PackedPositions {
        switch positionStore {
        case .packed(let packed): return packed
        case .flat(let start, let positions): return try PackedPositions(positionStart: start, positions: positions)
        }
    }
}
