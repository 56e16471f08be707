/// A loaded, validated corpus: documents, passages and the references they cite.
///
/// Built only through `CorpusLoader` (or `CorpusBuilder` in tests), which refuse
/// anything half-valid: an answer is never drawn from a half-loaded corpus. A corpus
/// read from an index file keeps its passages in the file (`PassageList`) and makes a
/// `Passage` only when one is asked for.
public struct Corpus: Sendable {
    public private(set) var documents: [Document]
    public private(set) var passages: PassageList
    public private(set) var references: [Reference]

    init(documents: [Document], passages: [Passage], references: [Reference]) {
        self.init(documents: documents, passageList: PassageList(passages), references: references)
    }

    init(documents: [Document], passageList: PassageList, references: [Reference]) {
        self.documents = documents
        self.passages = passageList
        self.references = references
    }

    /// The document a passage belongs to.
    public func document(of passage: Passage) -> Document { documents[passage.documentIndex] }
}
