/// Collects documents and passages into a `Corpus`, checking what spans files:
/// unique passage ids, no document given twice, and one shared reference table.
struct CorpusBuilder {
    private var documents: [Document] = []
    private var passages: [Passage] = []
    private var references: [Reference] = []
    private var referenceIndex: [String: Int] = [:]
    private var referenceByText: [String: Int] = [:]
    private var passageLocations: [String: SourceLocation] = [:]
    private var documentByTitle: [String: Int] = [:]
    private var documentBodies: [String: String] = [:]
    /// One array per distinct citation list, shared by the passages that cite it (a JSONL
    /// corpus cites one source per passage, often the same: a million one-element arrays
    /// took 48 MB, one per passage).
    private var citationLists: [[Int]: [Int]] = [:]
    /// The same for section paths, which every passage of a section repeats.
    private var sectionPaths: [[String]: [String]] = [:]

    /// Adds a parsed Markdown guideline, resolving its local citation numbers.
    mutating func add(_ parsed: GuidelineParser.ParsedDocument, path: String, body: String) throws(CorpusError) {
        if let first = documentBodies[body] {
            throw CorpusError(.duplicateDocument(parsed.id, first: first), at: SourceLocation(file: path, line: 0))
        }
        documentBodies[body] = path
        var cited = Set<Int>()
        for passage in parsed.passages {
            for number in passage.citations where parsed.references[number] == nil {
                throw CorpusError(.citationWithoutReference(number), at: SourceLocation(file: path, line: passage.line))
            }
            cited.formUnion(passage.citations)
        }
        for (number, reference) in parsed.references.sorted(by: { $0.key < $1.key }) where !cited.contains(number) {
            throw CorpusError(.referenceNeverCited(number), at: SourceLocation(file: path, line: reference.line))
        }
        var global: [Int: Int] = [:]
        for (number, reference) in parsed.references.sorted(by: { $0.key < $1.key }) {
            global[number] = referenceNumber(for: reference.text)
        }
        let documentIndex = documents.count
        documents.append(Document(id: parsed.id, title: parsed.title, updated: parsed.updated, path: path))
        var perSection: [String: Int] = [:]
        for passage in parsed.passages {
            let slug = passage.section.map(Self.slug).joined(separator: "/")
            perSection[slug, default: 0] += 1
            let id = "\(parsed.id)/\(slug)/\(perSection[slug] ?? 1)"
            try append(Passage(id: id, documentIndex: documentIndex, section: passage.section, text: passage.text,
                               citations: passage.citations.compactMap { global[$0] },
                               location: SourceLocation(file: path, line: passage.line)))
        }
    }

    /// Adds one JSONL passage; passages with the same title form one document.
    mutating func addPassage(id: String, title: String, text: String, source: String,
                             location: SourceLocation) throws(CorpusError) {
        let documentIndex: Int
        if let existing = documentByTitle[title] {
            documentIndex = existing
        } else {
            documentIndex = documents.count
            documentByTitle[title] = documentIndex
            documents.append(Document(id: title, title: title, updated: nil, path: location.file))
        }
        try append(Passage(id: id, documentIndex: documentIndex, section: [], text: text,
                           citations: [referenceNumber(for: source)], location: location))
    }

    func build() -> Corpus {
        Corpus(documents: documents, passages: passages, references: references)
    }

    var isEmpty: Bool { passages.isEmpty }

    private mutating func append(_ passage: Passage) throws(CorpusError) {
        if let first = passageLocations[passage.id] {
            throw CorpusError(.duplicatePassageID(passage.id, first: first), at: passage.location)
        }
        var passage = passage
        passage.citations = Self.shared(passage.citations, in: &citationLists)
        passage.section = Self.shared(passage.section, in: &sectionPaths)
        passageLocations[passage.id] = passage.location
        documents[passage.documentIndex].passageIndices.append(passages.count)
        passages.append(passage)
    }

    private mutating func referenceNumber(for text: String) -> Int {
        // Most sources repeat verbatim: look the text up as is before normalizing it.
        if let index = referenceByText[text] { return index }
        let reference = Reference(text: text)
        let index: Int
        if let existing = referenceIndex[reference.mergeKey] {
            index = existing
        } else {
            index = references.count
            referenceIndex[reference.mergeKey] = index
            references.append(reference)
        }
        referenceByText[text] = index
        return index
    }

    /// The stored array equal to `value` (stored now if new): equal lists share one buffer.
    private static func shared<T: Hashable>(_ value: [T], in lists: inout [[T]: [T]]) -> [T] {
        if value.isEmpty { return value }
        if let stored = lists[value] { return stored }
        lists[value] = value
        return value
    }

    /// "First-line treatment" → "first-line-treatment".
    static func slug(_ heading: String) -> String {
        var out = ""
        var dash = false
        for scalar in heading.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if dash && !out.isEmpty { out.append("-") }
                dash = false
                out.unicodeScalars.append(scalar)
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}
