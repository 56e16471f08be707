/// One passage as the ranker returns it: which, how well, and why.
public struct RankedPassage: Sendable, Equatable {
    /// Index into `Corpus.passages`.
    public var passage: Int
    public var score: Double
    /// Share (0…1) of the question's own idf mass that this passage matches: the
    /// no-answer floor reads it, since raw scores are not comparable across questions.
    public var coverage: Double
    /// The plan's terms that count toward this passage's score, in plan order: question
    /// words, carried topic words and synonyms found in its text or heading, intent words
    /// found in its text (intent words are not scored in headings).
    public var matchedTerms: [String]
}
