/// Finds the abbreviations a corpus defines itself, in the form "long form (SF)".
///
/// A simplified Schwartz & Hearst (2003) matcher: the short form is 2–10 characters
/// in parentheses, starts with a letter and has at least two capitals or digits; its
/// long form is the shortest run of words just before the parenthesis in which the
/// short form's letters appear in order, the first at the start of a word. So
/// "progressive pseudorheumatoid dysplasia (PPRD)" gives PPRD ↔ the disease's name.
/// Works on UTF-8 bytes: it reads every passage of the corpus when an engine starts.
enum AbbreviationHarvester {
    static func harvest(_ texts: [String]) -> Vocabulary {
        var pairs: [String: Set<String>] = [:]
        for text in texts {
            for (short, long) in definitions(in: text) {
                pairs[short, default: []].insert(long.lowercased())
            }
        }
        // A short form defined with many different long forms is ambiguous: leave it out.
        let groups = pairs.filter { $0.value.count <= 2 }.sorted { $0.key < $1.key }
            .map { [$0.key] + $0.value.sorted() }
        return Vocabulary(groups: groups)
    }

    static func definitions(in text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "(") else { i += 1; continue }
            let open = i
            var close = open + 1
            while close < bytes.count, close - open <= 12, bytes[close] != UInt8(ascii: ")") { close += 1 }
            i = open + 1
            guard close < bytes.count, bytes[close] == UInt8(ascii: ")") else { continue }
            let short = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
            guard isShortForm(short) else { continue }
            // Only the words just before the parenthesis can be its long form.
            let from = max(0, open - 200)
            let before = String(decoding: bytes[from..<open], as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\n" })
            let window = before.suffix(min(short.count + 5, short.count * 2)).map(String.init)
            if let long = longForm(for: short, in: window) { result.append((short, long)) }
        }
        return result
    }

    static func isShortForm(_ s: String) -> Bool {
        guard s.count >= 2, s.count <= 10, let first = s.first, first.isLetter else { return false }
        let strong = s.filter { $0.isUppercase || $0.isNumber }.count
        return strong >= 2 && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    /// The shortest suffix of `words` that contains the short form's letters in order,
    /// its first letter starting a word.
    static func longForm(for short: String, in words: [String]) -> String? {
        let letters = short.lowercased().filter { $0.isLetter || $0.isNumber }.map { $0 }
        guard let first = letters.first, !words.isEmpty else { return nil }
        for start in stride(from: words.count - 1, through: 0, by: -1) {
            let candidate = words[start...].joined(separator: " ")
            let lower = candidate.lowercased()
            guard lower.first == first else { continue }
            // Letters in order, matched from the end (Schwartz & Hearst).
            var i = letters.count - 1
            for c in lower.reversed() where i >= 0 && c == letters[i] { i -= 1 }
            if i < 0, candidate.count > short.count {
                let trimmed = candidate.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                return trimmed.isEmpty ? nil : trimmed
            }
        }
        return nil
    }
}

import Foundation
