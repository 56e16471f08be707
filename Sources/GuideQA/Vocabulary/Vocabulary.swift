import Foundation

/// Groups of names that mean the same thing ("macrophage activation syndrome", "MAS"),
/// as written: the raw material of query expansion, before analysis.
///
/// Sources: the disease synonym table (Human Disease Ontology, CC0) and GuideQA's own
/// clinical abbreviation table, both shipped as TSV files in `Vocabulary/`, plus the
/// abbreviations a corpus defines itself (`AbbreviationHarvester`).
public struct Vocabulary: Sendable {
    public private(set) var groups: [[String]]

    public init(groups: [[String]] = []) {
        self.groups = groups.filter { $0.count > 1 }
    }

    public static let empty = Vocabulary()

    /// The abbreviations a corpus defines itself ("long form (SF)"); see `AbbreviationHarvester`.
    public static func harvested(from corpus: Corpus) -> Vocabulary {
        AbbreviationHarvester.harvest(corpus.passages.count) { corpus.passages[$0].text }
    }

    public mutating func add(_ other: Vocabulary) {
        groups += other.groups
    }

    /// Reads a TSV file: each non-comment line is one group of equivalent names, in
    /// tab-separated columns; a column may hold several names separated by " | ".
    /// A first column that looks like an ontology id (`DOID:1234`) is skipped.
    public static func load(tsv path: String) throws(CorpusError) -> Vocabulary {
        Vocabulary(groups: VocabularyTSV.groups(in: try TextFile.read(path, display: path)))
    }
}
