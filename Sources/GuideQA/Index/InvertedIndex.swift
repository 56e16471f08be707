/// The searchable form of a corpus: one `FieldIndex` for passage text and one for
/// passage headings (document title and section path), built once, then immutable.
///
/// Headings are a field of their own so that a match there can count for more than
/// a match in running text ("treatment" in a section title says the passage is about it).
public struct InvertedIndex: Sendable {
    public let body: FieldIndex
    public let heading: FieldIndex

    public var passageCount: Int { body.passageCount }

    public init(corpus: Corpus, analyzer: Analyzer) {
        var body = FieldIndexBuilder()
        var heading = FieldIndexBuilder()
        for passage in corpus.passages {
            body.addPassage(passage.text, analyzer: analyzer)
            heading.addPassage(Self.headingText(of: passage, in: corpus), analyzer: analyzer)
        }
        self.body = body.build()
        self.heading = heading.build()
    }

    /// What the heading field indexes for a passage: its document title and section path.
    public static func headingText(of passage: Passage, in corpus: Corpus) -> String {
        ([corpus.documents[passage.documentIndex].title] + passage.section).joined(separator: " \u{2022} ")
    }
}
