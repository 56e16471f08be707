/// The human form of an answer: numbered passages with their document and section,
/// matched words highlighted, citation markers, the reference list, the disclaimer.
///
/// Wraps to `width` when given (a terminal), and uses ANSI bold/dim only when `styled`
/// (a terminal without `NO_COLOR`). All corpus and user text passes `TerminalSafe`.
public struct TextRenderer {
    public var width: Int?
    public var styled: Bool
    let analyzer: Analyzer

    public init(analyzer: Analyzer, width: Int? = nil, styled: Bool = false) {
        self.analyzer = analyzer
        self.width = width.map { max(30, $0) }
        self.styled = styled
    }

    private var bold: (String, String) { styled ? ("\u{1B}[1m", "\u{1B}[22m") : ("", "") }
    private var dim: (String, String) { styled ? ("\u{1B}[2m", "\u{1B}[22m") : ("", "") }
    private var accent: (String, String) { styled ? ("\u{1B}[36m", "\u{1B}[39m") : ("", "") }

    public func render(_ answer: Answer) -> String {
        var out: [String] = []
        if !answer.contextTerms.isEmpty {
            let carried = answer.contextTerms.map { TerminalSafe.sanitize($0) }.joined(separator: ", ")
            out.append(dim.0 + "(following up on: \(carried))" + dim.1)
            out.append("")
        }
        if answer.isEmpty {
            out.append(Answer.noAnswerText)
            out.append("")
        }
        for item in answer.items {
            out.append(contentsOf: renderItem(item))
            out.append("")
        }
        if !answer.references.isEmpty {
            out.append(bold.0 + "References" + bold.1)
            for reference in answer.references {
                let label = "[\(reference.number)] "
                out.append(contentsOf: wrap([Chunk(reference.text)], indent: label.count)
                    .enumerated().map { i, line in
                        i == 0 ? accent.0 + label + accent.1 + line.dropFirst(label.count) : line
                    })
            }
            out.append("")
        }
        out.append(dim.0 + String(repeating: "─", count: min(width ?? 40, 40)) + dim.1)
        out.append(contentsOf: wrap([Chunk(answer.disclaimer)], indent: 0).map { dim.0 + $0 + dim.1 })
        return out.joined(separator: "\n") + "\n"
    }

    /// Renders one passage: heading line, then wrapped text with its citation marker.
    func renderItem(_ item: Answer.Item) -> [String] {
        let path = ([item.documentTitle] + item.passage.section).map { TerminalSafe.sanitize($0) }
            .joined(separator: " › ")
        let label = "\(item.rank). "
        // The heading wraps under itself, the rank number hanging in the margin.
        var lines = wrap([Chunk(path)], indent: label.count).enumerated().map { i, line in
            bold.0 + (i == 0 ? label + line.dropFirst(label.count) : Substring(line)) + bold.1
        }
        let plainMarker = "[" + item.citations.map(String.init).joined(separator: ", ") + "]"
        let marker = accent.0 + plainMarker + accent.1
        let paragraphs = item.passage.text.split(separator: "\n", omittingEmptySubsequences: true)
        let matched = Set(item.matchedTerms)
        let highlights = analyzer.analyze(item.passage.text).filter { matched.contains($0.term) }
            .map { Int($0.start)..<Int($0.end) }
        var offset = 0
        let utf8 = Array(item.passage.text.utf8)
        for (p, paragraph) in paragraphs.enumerated() {
            // Locate the paragraph in the text, to map highlight ranges into it.
            let start = Self.find(Array(paragraph.utf8), in: utf8, from: offset) ?? offset
            offset = start + paragraph.utf8.count
            var chunks = chunks(of: paragraph, at: start, highlights: highlights)
            if p == paragraphs.count - 1 { chunks.append(Chunk(visible: marker, length: plainMarker.count)) }
            lines.append(contentsOf: wrap(chunks, indent: label.count))
        }
        return lines
    }

    /// A word to lay out: its printed form and its visible length.
    struct Chunk {
        var visible: String
        var length: Int
        init(visible: String, length: Int) {
            self.visible = visible
            self.length = length
        }
        init(_ text: String) {
            let safe = TerminalSafe.sanitize(text)
            visible = safe
            length = safe.count
        }
    }

    /// Splits a paragraph into space-separated words, bolding the matched byte ranges.
    private func chunks(of paragraph: Substring, at base: Int, highlights: [Range<Int>]) -> [Chunk] {
        var result: [Chunk] = []
        var position = base
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            defer { position += word.utf8.count + 1 }
            guard !word.isEmpty else { continue }
            let range = position..<(position + word.utf8.count)
            let inside = highlights.filter { $0.overlaps(range) }
            let plain = TerminalSafe.sanitize(String(word))
            guard styled, !inside.isEmpty else {
                result.append(Chunk(visible: plain, length: plain.count))
                continue
            }
            let bytes = Array(word.utf8)
            var visible = ""
            var cursor = 0
            for h in inside {
                let from = max(0, h.lowerBound - range.lowerBound), to = min(bytes.count, h.upperBound - range.lowerBound)
                guard from >= cursor, from < to else { continue }
                visible += TerminalSafe.sanitize(String(decoding: bytes[cursor..<from], as: UTF8.self))
                visible += bold.0 + TerminalSafe.sanitize(String(decoding: bytes[from..<to], as: UTF8.self)) + bold.1
                cursor = to
            }
            visible += TerminalSafe.sanitize(String(decoding: bytes[cursor...], as: UTF8.self))
            result.append(Chunk(visible: visible, length: plain.count))
        }
        return result
    }

    /// Lays chunks out in lines of at most `width` visible characters, indented.
    private func wrap(_ chunks: [Chunk], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let words = chunks.flatMap { chunk -> [Chunk] in
            // Plain multi-word chunks (references, disclaimer) wrap word by word.
            chunk.visible.count == chunk.length && chunk.visible.contains(" ")
                ? chunk.visible.split(separator: " ").map { Chunk(visible: String($0), length: $0.count) }
                : [chunk]
        }
        guard let width else { return [pad + words.map(\.visible).joined(separator: " ")] }
        var lines: [String] = []
        var line = pad, length = indent, empty = true
        for word in words {
            if !empty && length + 1 + word.length > width {
                lines.append(line)
                line = pad
                length = indent
                empty = true
            }
            if !empty {
                line += " "
                length += 1
            }
            line += word.visible
            length += word.length
            empty = false
        }
        if !empty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }
}
