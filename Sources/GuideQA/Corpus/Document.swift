/// One guideline document (a Markdown file, or all JSONL passages sharing a title).
public struct Document: Sendable, Hashable {
    /// File name without extension for Markdown (or the header's `id`); the title for JSONL.
    public var id: String
    public var title: String
    /// The header's `updated` date (YYYY-MM-DD), when the format has one.
    public var updated: String?
    /// The file the document came from.
    public var path: String
    /// Indices into `Corpus.passages`.
    public var passageIndices: [Int]

    public init(id: String, title: String, updated: String?, path: String, passageIndices: [Int] = []) {
        self.id = id
        self.title = title
        self.updated = updated
        self.path = path
        self.passageIndices = passageIndices
    }
}
