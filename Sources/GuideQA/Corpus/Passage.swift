/// The unit of retrieval: one paragraph or list item of a guideline, with the
/// references that back it.
///
/// A passage never exists without at least one citation: the loader refuses a corpus
/// that has one, so the answer can never show text that is not traceable to a source.
public struct Passage: Sendable, Hashable {
    /// Stable identifier: the JSONL `id`, or `document/section-slug/n` for Markdown.
    public var id: String
    /// Index of the passage's document in `Corpus.documents`.
    public var documentIndex: Int
    /// Heading path inside the document, outermost first (empty for JSONL passages).
    public var section: [String]
    public var text: String
    /// Indices into `Corpus.references`, in the order the passage cites them.
    public var citations: [Int]
    /// Where the passage starts, for error messages and `:why`.
    public var location: SourceLocation

    public init(id: String, documentIndex: Int, section: [String], text: String,
                citations: [Int], location: SourceLocation) {
        self.id = id
        self.documentIndex = documentIndex
        self.section = section
        self.text = text
        self.citations = citations
        self.location = location
    }
}
