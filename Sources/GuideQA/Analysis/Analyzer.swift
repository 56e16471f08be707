import Foundation

/// The analysis chain: text → `Token`s with positions and byte ranges.
///
/// `WordTokenizer` finds words; `TermNormalizer` turns each word into terms. Because
/// the normalizer sees one word at a time, its result is cached per distinct word:
/// a corpus repeats its words, so indexing costs one hash look-up per word after the
/// first sighting. Documents and questions go through the same chain; synonym and
/// abbreviation expansion happen later, at query time only (see `QueryPlanner`).
public final class Analyzer: @unchecked Sendable {
    /// Whether terms are stemmed (Snowball English) and stopwords dropped.
    public struct Options: Sendable, Hashable {
        public var stemming: Bool
        public var stopwords: Bool
        public init(stemming: Bool = true, stopwords: Bool = true) {
            self.stemming = stemming
            self.stopwords = stopwords
        }
    }

    public let options: Options
    private let normalizer: TermNormalizer
    private var cache: [String: TermNormalizer.Result] = [:]
    private let lock = NSLock()

    public init(options: Options = Options()) {
        self.options = options
        normalizer = TermNormalizer(stemmer: options.stemming ? SnowballStemmer() : nil,
                                    keepStopwords: !options.stopwords)
    }

    /// The tokens of `text`, in order.
    public func analyze(_ text: String) -> [Token] {
        var tokens: [Token] = []
        forEachToken(text) { term, position, start, end in
            tokens.append(Token(term: term, position: position, start: start, end: end))
        }
        return tokens
    }

    /// The terms alone, for callers that need no positions.
    public func terms(_ text: String) -> [String] { analyze(text).map(\.term) }

    /// Calls `body(term, position, start, end)` for every token: the allocation-free path
    /// the index builder uses.
    public func forEachToken(_ text: String, _ body: (String, Int32, Int32, Int32) -> Void) {
        var text = text
        lock.lock()
        defer { lock.unlock() }
        text.withUTF8 { bytes in
            var position: Int32 = 0
            WordTokenizer.words(in: bytes) { start, end in
                let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let result: TermNormalizer.Result
                if let cached = cache[surface] {
                    result = cached
                } else {
                    result = normalizer.normalize(surface)
                    if cache.count < 1_000_000 { cache[surface] = result }
                }
                for term in result.terms {
                    body(term.text, position + term.offset, Int32(start), Int32(end))
                }
                position += result.width
            }
        }
    }

    /// The terms of one word as the tokenizer found it (the index builder memoizes these).
    func normalize(word: String) -> TermNormalizer.Result {
        lock.lock()
        defer { lock.unlock() }
        return normalizer.normalize(word)
    }

    /// Folds a word as the index does, without stemming or stopwords: for matching what
    /// a user is typing (completion) against the corpus's own words.
    public static func fold(_ word: String) -> String { TermNormalizer.fold(word) }
}
