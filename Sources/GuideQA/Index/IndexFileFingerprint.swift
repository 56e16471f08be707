import Foundation

extension IndexFile {
    /// A fingerprint of how this engine turns text into an index: a small fixed corpus
    /// (Greek letters, doses, hyphenated and capitalized words, stopwords, inflections,
    /// an abbreviation definition) is indexed and its terms, postings and positions hashed.
    ///
    /// Why: the engine version says which release wrote a file, but the analyzer and the
    /// index builder change between releases too (in development, every build). A cached
    /// index built by a differently-behaving analyzer would answer with mismatched terms
    /// and no error; comparing fingerprints turns that into a rebuild.
    public static func engineFingerprint(analysis: Analyzer.Options) -> UInt64 {
        fingerprints.value(for: analysis) { computeFingerprint(analysis: analysis) }
    }

    /// Computed once per process and options (the key and the header check both need it).
    private static let fingerprints = FingerprintMemo()

    private final class FingerprintMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [Analyzer.Options: UInt64] = [:]

        func value(for options: Analyzer.Options, _ compute: () -> UInt64) -> UInt64 {
            lock.withLock {
                if let value = known[options] { return value }
                let value = compute()
                known[options] = value
                return value
            }
        }
    }

    private static func computeFingerprint(analysis: Analyzer.Options) -> UInt64 {
        var builder = CorpusBuilder()
        for (i, (title, text)) in probe.enumerated() {
            try? builder.addPassage(id: "p\(i)", title: title, text: text, source: "Probe source.",
                                    location: SourceLocation(file: "probe", line: i + 1))
        }
        let corpus = builder.build()
        let analyzer = Analyzer(options: analysis)
        let index = InvertedIndex(corpus: corpus, analyzer: analyzer)
        var hasher = IndexFileKeyHasher()
        for field in [index.body, index.heading] {
            for term in field.terms { hasher.combine(term) }
            for array in [field.postingStart, field.postingPassages, Array(field.postingFrequencies), field.positionStart,
                          field.positions, field.lengths] {
                array.withUnsafeBytes { hasher.combine($0) }
            }
        }
        for group in Vocabulary.harvested(from: corpus).groups {
            for name in group { hasher.combine(name) }
        }
        return hasher.value
    }

    private static let probe: [(String, String)] = [
        ("Hemophagocytic lymphohistiocytosis (HLH) in adults",
         "Macrophage activation syndrome (MAS) is a life-threatening complication of systemic juvenile idiopathic "
            + "arthritis (sJIA); IL-18 and IFN-γ levels, ferritin > 10,000 ng/mL, and the HScore help. Give "
            + "dexamethasone 10 mg/m² daily; treating, treated, treatments. The patients' outcomes were worse."),
        ("CAR T-cell therapy: CRS & ICANS grading",
         "Cytokine release syndrome (CRS) grade ≥ 3: tocilizumab 8 mg/kg IV (max 800 mg) every 8 h; "
            + "Naïve T cells, β2-microglobulin, TNF-α, sCD25 (soluble IL-2 receptor α) and NK-cell activity."),
    ]
}
