/// One bibliographic reference, in full, as a clinician would look it up.
///
/// Two documents citing the same source (same text after whitespace folding) share one
/// `Reference`, so an answer never lists the same source twice.
public struct Reference: Sendable, Hashable {
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// The key under which references are merged across documents.
    var mergeKey: String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
