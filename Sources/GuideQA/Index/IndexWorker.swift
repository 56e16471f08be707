/// One indexing thread: analyzes the chunks it is given into packed `Segment`s.
///
/// Everything here is the thread's own, so threads never wait for each other: its
/// normalizer (libstemmer is not thread-safe), its word memo, and its term table
/// (term text → the thread's term id; `FieldIndex.merging` maps these to the field's
/// ids afterwards, in passage order, so the result does not depend on which thread
/// indexed which chunk).
struct IndexWorker {
    let number: Int
    private var words: WordAnalysis
    private var body = SegmentWriter()
    private var heading = SegmentWriter()

    init(number: Int, analyzer: Analyzer) {
        self.number = number
        words = WordAnalysis(normalizer: analyzer.makeNormalizer())
    }

    /// The thread's term table: term text → the ids its segments use.
    var terms: ByteKeyTable { words.terms }

    /// Indexes passages `range` of the corpus: one segment for each field.
    mutating func index(_ range: Range<Int>, of corpus: Corpus) -> (body: Segment, heading: Segment) {
        for i in range {
            let passage = corpus.passages[i]
            words.add(passage.text, to: &body)
            if passage.section.isEmpty {
                // The heading of a passage without sections is its document's title alone.
                words.add(corpus.documents[passage.documentIndex].title, to: &heading)
            } else {
                words.add(InvertedIndex.headingText(of: passage, in: corpus), to: &heading)
            }
        }
        return (body.seal(worker: number, termCount: words.terms.count),
                heading.seal(worker: number, termCount: words.terms.count))
    }
}

/// One thread's analysis: text → (term id, position) tokens, each distinct word
/// analyzed once (`SurfaceTable`), each distinct term numbered once (`ByteKeyTable`).
struct WordAnalysis {
    let normalizer: TermNormalizer
    private(set) var terms = ByteKeyTable(capacity: 1 << 14)
    private var surfaces = SurfaceTable()
    /// The passage being analyzed, before it goes to a writer in one piece.
    private let tokens = TokenBuffer()

    init(normalizer: TermNormalizer) {
        self.normalizer = normalizer
    }

    /// Appends one passage's tokens (term ids and positions) to a field's writer.
    mutating func add(_ text: String, to writer: inout SegmentWriter) {
        var text = text
        let tokens = self.tokens
        tokens.removeAll()
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var position: Int32 = 0
            var words = WordTokenizer.Cursor(bytes)
            while let (start, end) = words.next() {
                let length = end - start
                let probe = SurfaceTable.probe(base + start, length, readable: bytes.count - start)
                switch surfaces.find(base + start, probe) {
                case .single(let id)?:
                    tokens.append(term: id, position: position)
                    position += 1
                    continue
                case .entry(let entry)?:
                    for k in surfaces.terms(of: entry) {
                        tokens.append(term: surfaces.termIDs[k], position: position + surfaces.offsets[k])
                    }
                    position += surfaces.width(of: entry)
                    continue
                case nil:
                    break
                }
                let result = normalizer.normalize(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                let ids = result.terms.map { (id: terms.id($0.text), offset: $0.offset) }
                for term in ids { tokens.append(term: term.id, position: position + term.offset) }
                position += result.width
                if !surfaces.isFull {
                    surfaces.insert(base + start, probe, terms: ids, width: result.width)
                }
            }
        }
        writer.append(terms: tokens.terms, positions: tokens.positions)
        writer.endPassage()
    }
}
