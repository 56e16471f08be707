/// One index term found in a text: what it is, where it stands, and which bytes of
/// the original text it came from.
///
/// The byte range always points into the *original* text (before normalization,
/// folding or stemming), so highlights and phrase matches map back exactly.
/// Several terms may share a position (colocated terms, such as the parts of
/// `HLH-2004` beside the whole).
public struct Token: Sendable, Hashable, CustomStringConvertible {
    public var term: String
    /// 0-based word position; stopwords leave gaps, so phrase distance stays true.
    public var position: Int32
    /// UTF-8 offsets into the analyzed text.
    public var start: Int32
    public var end: Int32

    public init(term: String, position: Int32, start: Int32, end: Int32) {
        self.term = term
        self.position = position
        self.start = start
        self.end = end
    }

    public var description: String { "\(term)@\(position)[\(start)..<\(end)]" }
}
