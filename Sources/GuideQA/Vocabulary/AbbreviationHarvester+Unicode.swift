import Foundation

/// The harvester's rules with Swift's `Character` semantics (grapheme clusters,
/// Unicode letters, numbers, case, full lower-casing): the definition of what a
/// "long form (SF)" pair is. The ASCII fast path must give exactly what these give.
extension AbbreviationHarvester {
    /// The pair defined by the parenthesis at `open`…`close` (both bytes of `bytes`), if any.
    static func unicodeDefinition(_ bytes: UnsafeBufferPointer<UInt8>, open: Int, close: Int) -> (String, String)? {
        let short = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
        guard isShortForm(short) else { return nil }
        // Only the words just before the parenthesis can be its long form.
        let from = max(0, open - 200)
        let before = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<open]), as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" })
        let window = before.suffix(min(short.count + 5, short.count * 2)).map(String.init)
        guard let long = longForm(for: short, in: window) else { return nil }
        return (short, long)
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
                let trimmed = candidate.trimmingCharacters(in: trimmed)
                return trimmed.isEmpty ? nil : trimmed
            }
        }
        return nil
    }

    /// What is trimmed off both ends of a long form.
    static let trimmed = CharacterSet.punctuationCharacters.union(.whitespaces)
}
