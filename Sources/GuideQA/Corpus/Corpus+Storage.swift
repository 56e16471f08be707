extension Corpus {
    /// A corpus decoded from an index file. The reader has checked every cross-reference
    /// (document indices, citations, passage indices) before calling this, so the corpus
    /// is as valid as the one `CorpusLoader` built when the index was written.
    init(storedDocuments documents: [Document], passages: PassageList, references: [Reference]) {
        self.init(documents: documents, passageList: passages, references: references)
    }
}
