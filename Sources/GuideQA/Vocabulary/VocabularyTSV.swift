/// The groups of names in a vocabulary TSV text (`Vocabulary.load(tsv:)` gives the format).
///
/// The shipped disease table is 650 KB; split `Character` by `Character` it took 85 ms,
/// and the first question that needs synonyms waits for it. Lines of ASCII are split as
/// bytes instead: there a `Character` is one byte, so the same rules give the same
/// names. Any other line goes through the `Character` rules (`groupOfLine`), which
/// define the format. Lines are cut at newline bytes, as `Character`s would cut them,
/// unless the text holds a carriage return (a `\r\n` pair is one `Character`, so such a
/// text is read with the `Character` rules throughout).
enum VocabularyTSV {
    static func groups(in text: String, asciiFastPath: Bool = true) -> [[String]] {
        var groups: [[String]] = []
        guard asciiFastPath, !text.utf8.contains(UInt8(ascii: "\r")) else {
            for line in text.split(separator: "\n") {
                if let names = groupOfLine(line) { groups.append(names) }
            }
            return groups
        }
        var text = text
        text.withUTF8 { bytes in
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                let names = line.allSatisfy { $0 < 0x80 }
                    ? groupOfASCIILine(UnsafeBufferPointer(rebasing: line))
                    : groupOfLine(Substring(String(decoding: UnsafeBufferPointer(rebasing: line), as: UTF8.self)))
                if let names { groups.append(names) }
            }
        }
        return groups
    }

    /// One line's names by the `Character` rules, or nil for a comment or fewer than two names.
    static func groupOfLine(_ line: Substring) -> [String]? {
        guard !line.hasPrefix("#") else { return nil }
        var columns = line.split(separator: "\t").map { $0.trimmingBlanks() }
        if let first = columns.first, first.contains(":"), !first.contains(" ") { columns.removeFirst() }
        let names = columns.flatMap { $0.split(separator: "|") }
            .map { String($0.trimmingBlanks()) }.filter { !$0.isEmpty }
        return names.count > 1 ? names : nil
    }

    /// `groupOfLine` for a line of ASCII bytes.
    private static func groupOfASCIILine(_ line: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard line.first != UInt8(ascii: "#") else { return nil }
        var columns = line.split(separator: UInt8(ascii: "\t")).map(trimmingBlanks)
        if let first = columns.first, first.contains(UInt8(ascii: ":")), !first.contains(UInt8(ascii: " ")) {
            columns.removeFirst()
        }
        var names: [String] = []
        for column in columns {
            for part in column.split(separator: UInt8(ascii: "|")) {
                let name = trimmingBlanks(part)
                if !name.isEmpty { names.append(String(decoding: name, as: UTF8.self)) }
            }
        }
        return names.count > 1 ? names : nil
    }

    /// Without leading and trailing spaces and tabs, as `Substring.trimmingBlanks()`.
    private static func trimmingBlanks(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let blank = { (c: UInt8) in c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !blank($0) }) else { return bytes[bytes.endIndex...] }
        let last = bytes.lastIndex(where: { !blank($0) }) ?? first
        return bytes[first...last]
    }
}
