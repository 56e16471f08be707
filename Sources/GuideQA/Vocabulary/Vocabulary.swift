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
        let text = try TextFile.read(path, display: path)
        var groups: [[String]] = []
        // Plain Substring splitting: Foundation's components(separatedBy:) and trimming
        // cost 80 ms on the 14,000-line disease table, at every start.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            var columns = line.split(separator: "\t").map { $0.trimmingBlanks() }
            if let first = columns.first, first.contains(":"), !first.contains(" ") { columns.removeFirst() }
            let names = columns.flatMap { $0.split(separator: "|") }
                .map { String($0.trimmingBlanks()) }.filter { !$0.isEmpty }
            if names.count > 1 { groups.append(names) }
        }
        return Vocabulary(groups: groups)
    }
}
