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
    /// Words seen so far (their UTF-8) → their entry in `results`.
    private var words = ByteKeyTable()
    private var results: [TermNormalizer.Result] = []
    private let lock = NSLock()
    /// Past this many distinct words, new words are analyzed without being remembered.
    private static let cacheLimit = 1_000_000

    public init(options: Options = Options()) {
        self.options = options
        normalizer = Self.makeNormalizer(options)
    }

    /// A normalizer of its own for one indexing thread: libstemmer is not thread-safe,
    /// so sharing this analyzer's normalizer would serialize the threads on its lock.
    func makeNormalizer() -> TermNormalizer { Self.makeNormalizer(options) }

    private static func makeNormalizer(_ options: Options) -> TermNormalizer {
        TermNormalizer(stemmer: options.stemming ? SnowballStemmer() : nil, keepStopwords: !options.stopwords)
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

    /// Calls `body(term, position, start, end)` for every token, remembering each
    /// distinct word's terms: a word seen before costs a hash of its bytes, no `String`.
    public func forEachToken(_ text: String, _ body: (String, Int32, Int32, Int32) -> Void) {
        var text = text
        lock.lock()
        defer { lock.unlock() }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var position: Int32 = 0
            var cursor = WordTokenizer.Cursor(bytes)
            while let (start, end) = cursor.next() {
                let hash = ByteKeyTable.hash(base + start, end - start)
                let index: Int
                if let seen = words.find(base + start, end - start, hash: hash) {
                    index = Int(seen)
                } else {
                    let result = normalizer.normalize(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    if results.count < Self.cacheLimit {
                        words.insert(base + start, end - start, hash: hash)
                        results.append(result)
                        index = results.count - 1
                    } else {
                        for term in result.terms { body(term.text, position + term.offset, Int32(start), Int32(end)) }
                        position += result.width
                        continue
                    }
                }
                let result = results[index]
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
