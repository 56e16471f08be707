/// A loaded, validated corpus: documents, passages and the references they cite.
///
/// Built only through `CorpusLoader` (or `CorpusBuilder` in tests), which refuse
/// anything half-valid: an answer is never drawn from a half-loaded corpus.
public struct Corpus: Sendable {
    public private(set) var documents: [Document]
    public private(set) var passages: [Passage]
    public private(set) var references: [Reference]

    init(documents: [Document], passages: [Passage], references: [Reference]) {
        self.documents = documents
        self.passages = passages
        self.references = references
    }

    /// The document a passage belongs to.
    public func document(of passage: Passage) -> Document { documents[passage.documentIndex] }
}
