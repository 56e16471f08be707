/// One passage as the ranker returns it: which, how well, and why.
public struct RankedPassage: Sendable, Equatable {
    /// Index into `Corpus.passages`.
    public var passage: Int
    public var score: Double
    /// Share (0…1) of the question's own idf mass that this passage matches: the
    /// no-answer floor reads it, since raw scores are not comparable across questions.
    public var coverage: Double
    /// The plan's terms found in the passage (body or heading).
    public var matchedTerms: [String]
}
