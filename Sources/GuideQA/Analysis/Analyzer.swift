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
    /// Words seen so far (their UTF-8) → their terms' ids, as the index build keeps them.
    /// Past its limit (1,000,000 distinct words) new words are analyzed without being remembered.
    private var words = SurfaceTable(limit: 1_000_000)
    /// Term text → id, and id → text: a remembered word's terms are handed out without
    /// making or copying anything but the `String` reference.
    private var termIDs = ByteKeyTable()
    private var termTexts: [String] = []
    private let lock = NSLock()

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
        // About a word in six bytes: one allocation for a question, not four as it grows.
        tokens.reserveCapacity(text.utf8.count / 6 + 4)
        forEachToken(text) { term, position, start, end in
            tokens.append(Token(term: term, position: position, start: start, end: end))
        }
        return tokens
    }

    /// The terms alone, for callers that need no positions.
    public func terms(_ text: String) -> [String] { analyze(text).map(\.term) }

    /// Calls `body(term, position, start, end)` for every token, remembering each
    /// distinct word's terms: a word seen before costs one probe of its bytes, no `String`.
    public func forEachToken(_ text: String, _ body: (String, Int32, Int32, Int32) -> Void) {
        var text = text
        lock.lock()
        defer { lock.unlock() }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var position: Int32 = 0
            var cursor = WordTokenizer.Cursor(bytes)
            while let (start, end) = cursor.next() {
                let probe = SurfaceTable.probe(base + start, end - start, readable: bytes.count - start)
                switch words.find(base + start, probe) {
                case .single(let id)?:
                    body(termTexts[Int(id)], position, Int32(start), Int32(end))
                    position += 1
                    continue
                case .entry(let entry)?:
                    for k in words.terms(of: entry) {
                        body(termTexts[Int(words.termIDs[k])], position + words.offsets[k], Int32(start), Int32(end))
                    }
                    position += words.width(of: entry)
                    continue
                case nil:
                    break
                }
                let result = normalizer.normalize(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                for term in result.terms { body(term.text, position + term.offset, Int32(start), Int32(end)) }
                if !words.isFull {
                    let ids = result.terms.map { term in
                        let id = termIDs.id(term.text)
                        if Int(id) == termTexts.count { termTexts.append(term.text) }
                        return (id: id, offset: term.offset)
                    }
                    words.insert(base + start, probe, terms: ids, width: result.width)
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
