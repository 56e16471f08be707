extension InvertedIndex {
    /// An index from its two fields, as an index file stores them.
    init(body: FieldIndex, heading: FieldIndex) {
        self.body = body
        self.heading = heading
    }
}
