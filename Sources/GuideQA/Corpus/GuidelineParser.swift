/// Parses one guideline document in GuideQA's Markdown subset.
///
/// The format (documented in the README) is deliberately small so that a maintainer
/// can edit it by hand and every error can name a line:
///
///     ---
///     title: Hemophagocytic lymphohistiocytosis
///     updated: 2025-12-31
///     ---
///     ## Section
///     A paragraph is one passage, ending with its citations. [1, 3]
///     - A list item is one passage too. [2]
///     ### Subsection
///     ## References
///     1. Authors. Title. Journal. Year.
///
/// The parser only builds the document; `CorpusBuilder` checks that citations resolve.
struct GuidelineParser {
    struct ParsedPassage {
        var section: [String]
        var text: String
        var citations: [Int]
        var line: Int
    }

    struct ParsedDocument {
        var id: String
        var title: String
        var updated: String
        var passages: [ParsedPassage]
        /// Reference number → (text, line).
        var references: [Int: (text: String, line: Int)]
    }

    let file: String

    func parse(_ text: String, defaultID: String) throws(CorpusError) -> ParsedDocument {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        var index = 0
        let header = try parseHeader(lines, &index)
        guard let title = header["title"], !title.isEmpty else {
            throw CorpusError(.missingHeaderKey("title"), at: at(1))
        }
        guard let updated = header["updated"], !updated.isEmpty else {
            throw CorpusError(.missingHeaderKey("updated"), at: at(1))
        }
        var document = ParsedDocument(id: header["id"] ?? defaultID, title: title, updated: updated,
                                      passages: [], references: [:])

        var section: [String] = []
        var inReferences = false
        var block: [Substring] = []
        var blockLine = 0
        var expectedReference = 1

        func flush() throws(CorpusError) {
            defer { block = [] }
            guard !block.isEmpty else { return }
            let joined = block.map { $0.trimmingBlanks() }.joined(separator: " ")
            if inReferences {
                try addReference(joined, line: blockLine, expected: &expectedReference, into: &document)
                return
            }
            guard !section.isEmpty else { throw CorpusError(.passageOutsideSection, at: at(blockLine)) }
            var body = Substring(joined)
            if body.hasPrefix("- ") || body.hasPrefix("* ") { body = body.dropFirst(2) }
            let (text, citations) = CitationMarker.split(String(body))
            guard !citations.isEmpty else { throw CorpusError(.passageWithoutCitation, at: at(blockLine)) }
            document.passages.append(ParsedPassage(section: section, text: text, citations: citations,
                                                   line: blockLine))
        }

        while index < lines.count {
            let line = lines[index]
            let lineNumber = index + 1
            index += 1
            let trimmed = line.trimmingBlanks()
            if trimmed.isEmpty {
                try flush()
                continue
            }
            if let (level, heading) = Self.heading(trimmed) {
                try flush()
                let depth = max(0, level - 2)
                section = Array(section.prefix(depth)) + [heading]
                inReferences = depth == 0 && heading.lowercased() == "references"
                continue
            }
            let startsItem = trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                || (inReferences && Self.referenceNumber(trimmed) != nil)
            if startsItem && line.first != " " && line.first != "\t" {
                try flush()
            }
            if block.isEmpty { blockLine = lineNumber }
            block.append(trimmed)
        }
        try flush()
        return document
    }

    private func at(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

    private func parseHeader(_ lines: [Substring], _ index: inout Int) throws(CorpusError) -> [String: String] {
        // Leading blank lines are tolerated; anything else before '---' is not.
        while index < lines.count && lines[index].trimmingBlanks().isEmpty { index += 1 }
        guard index < lines.count, lines[index].trimmingBlanks() == "---" else {
            throw CorpusError(.missingHeader, at: at(min(index + 1, lines.count)))
        }
        let opening = index + 1
        index += 1
        var header: [String: String] = [:]
        while index < lines.count {
            let line = lines[index].trimmingBlanks()
            index += 1
            if line == "---" { return header }
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                // Without a closing '---' further on, the header was never closed.
                let closes = lines[index...].contains { $0.trimmingBlanks() == "---" }
                throw closes ? CorpusError(.badHeaderLine(String(line.prefix(60))), at: at(index))
                    : CorpusError(.unterminatedHeader, at: at(opening))
            }
            let key = line[..<colon].trimmingBlanks().lowercased()
            header[key] = String(line[line.index(after: colon)...].trimmingBlanks())
        }
        throw CorpusError(.unterminatedHeader, at: at(opening))
    }

    private func addReference(_ text: String, line: Int, expected: inout Int,
                              into document: inout ParsedDocument) throws(CorpusError) {
        let trimmed = Substring(text)
        guard let number = Self.referenceNumber(trimmed) else {
            throw CorpusError(.badReferenceLine, at: at(line))
        }
        guard number == expected else {
            throw CorpusError(.referenceOutOfOrder(expected: expected, found: number), at: at(line))
        }
        expected += 1
        let body = trimmed.drop { $0 != "." }.dropFirst().trimmingBlanks()
        guard !body.isEmpty else { throw CorpusError(.badReferenceLine, at: at(line)) }
        document.references[number] = (String(body), line)
    }

    /// `## Heading` → (2, "Heading").
    static func heading(_ line: Substring) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard hashes > 0, hashes <= 6 else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        let title = rest.trimmingBlanks()
        return title.isEmpty ? nil : (hashes, String(title))
    }

    /// `12. Text` → 12.
    static func referenceNumber(_ line: Substring) -> Int? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 5 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest == "." else { return nil }
        return Int(digits)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return s[s.endIndex...] }
        let last = s.lastIndex(where: { $0 != " " && $0 != "\t" }) ?? first
        return s[first...last]
    }
}
