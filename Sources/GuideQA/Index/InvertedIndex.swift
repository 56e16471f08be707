/// The searchable form of a corpus: one `FieldIndex` for passage text and one for
/// passage headings (document title and section path), built once, then immutable.
///
/// Headings are a field of their own so that a match there can count for more than
/// a match in running text ("treatment" in a section title says the passage is about it).
public struct InvertedIndex: Sendable {
    public let body: FieldIndex
    public let heading: FieldIndex

    public var passageCount: Int { body.passageCount }

    /// - Parameter progress: called now and then with the number of passages indexed so far
    ///   (for a progress display; the library itself prints nothing).
    public init(corpus: Corpus, analyzer: Analyzer, progress: ((Int) -> Void)? = nil) {
        var body = FieldIndexBuilder()
        var heading = FieldIndexBuilder()
        for (i, passage) in corpus.passages.enumerated() {
            body.addPassage(passage.text, analyzer: analyzer)
            heading.addPassage(Self.headingText(of: passage, in: corpus), analyzer: analyzer)
            if let progress, i & 1023 == 1023 { progress(i + 1) }
        }
        self.body = body.build()
        self.heading = heading.build()
    }

    /// What the heading field indexes for a passage: its document title and section path.
    public static func headingText(of passage: Passage, in corpus: Corpus) -> String {
        ([corpus.documents[passage.documentIndex].title] + passage.section).joined(separator: " \u{2022} ")
    }
}
