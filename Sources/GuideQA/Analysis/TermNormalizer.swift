import Foundation

/// Turns one word, as the tokenizer found it, into index terms.
///
/// The chain, in order: Unicode NFKC, case folding, Greek letters spelled out,
/// diacritics folded, possessive `'s` dropped; then the word is split or kept whole:
/// - `ng/mL`, `mg/kg/day`, `10⁹/L` (units) stay whole; other `/` words split (`and/or`);
/// - a hyphenated word with a digit stays whole (`il-18`, `hlh-2004`, `sil-2r`), with
///   its alphabetic parts of 3+ letters colocated (`hlh`), so both forms find it;
/// - other hyphenated words split into consecutive words (`t-cell` → `t`, `cell`);
/// - a number glued to a unit splits in two (`1g` → `1`, `g`), as if typed `1 g`;
///   thousands separators go (`2,400` → `2400`).
/// Stopwords are dropped and plain words stemmed (Snowball English, plus `-ment`).
struct TermNormalizer {
    /// One term of a word: its text and its position offset within the word.
    struct Term: Equatable {
        var text: String
        var offset: Int32
    }

    /// Terms, and how many positions the word takes (at least 1, even when all are stopwords).
    struct Result {
        var terms: [Term]
        var width: Int32
    }

    let stemmer: SnowballStemmer?
    let keepStopwords: Bool

    /// The terms of a word given as UTF-8 bytes: plain words (ASCII letters only, or
    /// digits only: most of any corpus) take a short path that gives the same result as
    /// the full chain; other ASCII words (`il-18`, `ng/ml`, `2,400`, `still's`) the same
    /// chain on bytes (`normalizeASCII`); anything else goes through `normalize(_:)`.
    func normalize(bytes word: UnsafeBufferPointer<UInt8>) -> Result {
        var letters = true
        var digits = true
        var ascii = true
        for c in word {
            let lower = c | 0x20
            letters = letters && lower >= 97 && lower <= 122
            digits = digits && c >= 48 && c <= 57
            ascii = ascii && c < 0x80
        }
        guard !word.isEmpty, letters || digits else {
            return ascii ? normalizeASCII(word) : normalize(String(decoding: word, as: UTF8.self))
        }
        // Folding a plain word is lower-casing it; nothing splits it; digits are no stopword and never stemmed.
        let text = String(unsafeUninitializedCapacity: word.count) { out in
            for i in 0..<word.count { out[i] = word[i] >= 65 && word[i] <= 90 ? word[i] | 0x20 : word[i] }
            return word.count
        }
        if letters && !keepStopwords && Stopwords.contains(text) { return Result(terms: [], width: 1) }
        return Result(terms: [Term(text: letters ? stem(text) : text, offset: 0)], width: 1)
    }

    func normalize(_ surface: String) -> Result {
        let folded = Self.fold(surface)
        var pieces: [[String]] = []   // consecutive positions; inner = colocated
        for part in Self.splitSlashes(folded) {
            pieces.append(contentsOf: Self.splitHyphens(part))
        }
        var terms: [Term] = []
        var offset: Int32 = 0
        for colocated in pieces {
            var advanced: Int32 = 1
            for (k, raw) in colocated.enumerated() {
                let split = k == 0 ? Self.splitNumberUnit(raw) : [raw]
                for (j, text) in split.enumerated() where !text.isEmpty {
                    if !keepStopwords && Stopwords.contains(text) { continue }
                    terms.append(Term(text: stem(text), offset: offset + Int32(j)))
                }
                if k == 0 { advanced = Int32(max(1, split.count)) }
            }
            offset += advanced
        }
        return Result(terms: terms, width: max(1, offset))
    }

    /// Stems plain alphabetic words only: codes like `il-18` or `s100a12` stay as typed.
    func stem(_ word: String) -> String {
        guard let stemmer, word.utf8.count > 2, word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        let stem = stemmer.stem(word)
        // Porter2 strips "-ment" only inside R2, so "treatment" keeps it while "treated"
        // becomes "treat": strip it here when a real stem (4+ letters) remains.
        if stem.hasSuffix("ment") && stem.utf8.count >= 8 { return String(stem.dropLast(4)) }
        return stem
    }

    /// Case, width, accent and script folding of one word, without splitting it.
    static func fold(_ surface: String) -> String {
        if surface.utf8.allSatisfy({ $0 < 0x80 }) {
            return asciiFinish(String(decoding: surface.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 },
                                      as: UTF8.self))
        }
        var text = ""
        for scalar in surface.unicodeScalars {
            switch scalar {
            case "\u{2019}", "\u{2018}": text.append("'")
            case "\u{2010}", "\u{2011}": text.append("-")
            default:
                if let digit = superscriptDigits[scalar] { text.append("^\(digit)") } else { text.unicodeScalars.append(scalar) }
            }
        }
        text = text.precomposedStringWithCompatibilityMapping.lowercased()
        text = GreekLetters.spellOut(text)
        text = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        text = text.replacingOccurrences(of: "^^", with: "^")
        return asciiFinish(text)
    }

    private static let superscriptDigits: [Unicode.Scalar: Int] = [
        "\u{2070}": 0, "\u{00B9}": 1, "\u{00B2}": 2, "\u{00B3}": 3, "\u{2074}": 4,
        "\u{2075}": 5, "\u{2076}": 6, "\u{2077}": 7, "\u{2078}": 8, "\u{2079}": 9,
    ]

    /// Drops a possessive `'s` and other apostrophes.
    private static func asciiFinish(_ word: String) -> String {
        guard word.contains("'") else { return word }
        var w = word
        if w.hasSuffix("'s") { w.removeLast(2) }
        w.removeAll { $0 == "'" }
        return w
    }

    static let units: Set<String> = [
        "g", "mg", "kg", "mcg", "ug", "ng", "pg", "l", "dl", "ml", "ul", "mmol", "umol", "nmol", "mol",
        "u", "iu", "meq", "h", "hr", "hrs", "min", "d", "day", "days", "wk", "mmhg", "cm", "mm", "m2",
        "s", "sec", "hpf", "mm3", "c",
    ]

    private static func isNumber(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "^") }
    }

    /// `ng/ml` and `10^9/l` stay whole; `and/or`, `il-1/il-6` split at the slash.
    private static func splitSlashes(_ word: String) -> [String] {
        guard word.contains("/") else { return [word] }
        let parts = word.split(separator: "/", omittingEmptySubsequences: true)
        let unitLike = parts.count > 1 && parts.enumerated().allSatisfy { i, part in
            units.contains(String(part)) || (i == 0 && (isNumber(part) || splitNumberUnit(String(part)).count == 2))
        }
        return unitLike ? [word] : parts.map(String.init)
    }

    /// Consecutive pieces; each piece is a whole term plus colocated alternatives.
    private static func splitHyphens(_ word: String) -> [[String]] {
        guard word.contains("-") else { return [[word]] }
        let parts = word.split(separator: "-", omittingEmptySubsequences: true).map(String.init)
        if parts.isEmpty { return [] }
        if word.contains(where: \.isNumber) {
            let trimmed = parts.joined(separator: "-")
            let alphaParts = parts.filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) && $0 != trimmed }
            return [[trimmed] + alphaParts]
        }
        return parts.map { [$0] }
    }

    /// `1g` → [`1`, `g`]; `2,400` → [`2400`]; anything else unchanged.
    static func splitNumberUnit(_ word: String) -> [String] {
        guard let first = word.utf8.first, WordTokenizer.isDigit(first) else { return [word] }
        let digits = word.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        let number = digits.filter { $0 != "," }
        let rest = word.dropFirst(digits.count)
        if rest.isEmpty { return [String(number)] }
        let unit = String(rest)
        let unitParts = unit.split(separator: "/")
        if !unitParts.isEmpty && unitParts.allSatisfy({ units.contains(String($0)) }) {
            return [String(number), unit]
        }
        return [word]
    }
}
