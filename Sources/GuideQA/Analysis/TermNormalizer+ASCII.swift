/// `TermNormalizer.normalize(_:)` for a word of ASCII bytes, computed on the bytes.
///
/// A quarter of a corpus's distinct words are not plain (`il-18`, `t-cell`, `ng/ml`,
/// `2,400`, `still's`, `cd34`), and the `String` chain spends tens of thousands of
/// instructions on each (Foundation searches, Unicode property look-ups, joins). On
/// ASCII every step of that chain is a byte operation — a character is a byte, a
/// letter is a–z, a number 0–9, folding is lower-casing — so this mirrors it step by
/// step: fold, split at slashes, split at hyphens, split a number from its unit, drop
/// stopwords, stem. The tests hold it to the `String` chain word for word.
extension TermNormalizer {
    typealias Bytes = ArraySlice<UInt8>

    func normalizeASCII(_ word: UnsafeBufferPointer<UInt8>) -> Result {
        var terms: [Term] = []
        var offset: Int32 = 0
        for part in Self.splitSlashes(Self.foldASCII(word)) {
            for colocated in Self.splitHyphens(part) {
                var advanced: Int32 = 1
                for (k, raw) in colocated.enumerated() {
                    let split = k == 0 ? Self.splitNumberUnit(raw) : [raw]
                    for (j, bytes) in split.enumerated() where !bytes.isEmpty {
                        let text = String(decoding: bytes, as: UTF8.self)
                        if !keepStopwords && Stopwords.contains(text) { continue }
                        terms.append(Term(text: stem(text), offset: offset + Int32(j)))
                    }
                    if k == 0 { advanced = Int32(max(1, split.count)) }
                }
                offset += advanced
            }
        }
        return Result(terms: terms, width: max(1, offset))
    }

    /// `fold`: lower-case, then a possessive `'s` and other apostrophes dropped.
    static func foldASCII(_ word: UnsafeBufferPointer<UInt8>) -> Bytes {
        var folded = word.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if folded.contains(apostrophe) {
            if folded.count >= 2 && folded[folded.count - 2] == apostrophe && folded[folded.count - 1] == UInt8(ascii: "s") {
                folded.removeLast(2)
            }
            folded.removeAll { $0 == apostrophe }
        }
        return folded[...]
    }

    /// `splitSlashes`: `ng/ml` and `10^9/l` stay whole; `and/or` splits.
    static func splitSlashes(_ word: Bytes) -> [Bytes] {
        guard word.contains(slash) else { return [word] }
        let parts = word.split(separator: slash, omittingEmptySubsequences: true)
        let unitLike = parts.count > 1 && parts.enumerated().allSatisfy { i, part in
            isUnit(part) || (i == 0 && (isNumber(part) || splitNumberUnit(part).count == 2))
        }
        return unitLike ? [word] : parts
    }

    /// `splitHyphens`: a word with a digit stays whole (its alphabetic parts of 3+
    /// letters colocated); any other splits into consecutive words.
    static func splitHyphens(_ word: Bytes) -> [[Bytes]] {
        guard word.contains(hyphen) else { return [[word]] }
        let parts = word.split(separator: hyphen, omittingEmptySubsequences: true)
        if parts.isEmpty { return [] }
        if word.contains(where: isDigit) {
            var trimmed: [UInt8] = []
            for (i, part) in parts.enumerated() {
                if i > 0 { trimmed.append(hyphen) }
                trimmed.append(contentsOf: part)
            }
            let alphaParts = parts.filter { $0.count >= 3 && $0.allSatisfy(isLetter) && !$0.elementsEqual(trimmed) }
            return [[trimmed[...]] + alphaParts]
        }
        return parts.map { [$0] }
    }

    /// `splitNumberUnit`: `1g` → `1`, `g`; `2,400` → `2400`; anything else unchanged.
    static func splitNumberUnit(_ word: Bytes) -> [Bytes] {
        guard let first = word.first, isDigit(first) else { return [word] }
        let digits = word.prefix { isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
        let number = digits.filter { $0 != UInt8(ascii: ",") }[...]
        let unit = word.dropFirst(digits.count)
        if unit.isEmpty { return [number] }
        let unitParts = unit.split(separator: slash)
        if !unitParts.isEmpty && unitParts.allSatisfy(isUnit) { return [number, unit] }
        return [word]
    }

    private static func isUnit(_ bytes: Bytes) -> Bool { units.contains(String(decoding: bytes, as: UTF8.self)) }

    /// `isNumber`: digits, `.`, `,` and `^` only.
    private static func isNumber(_ bytes: Bytes) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy {
            isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "^")
        }
    }

    private static let apostrophe = UInt8(ascii: "'")
    private static let slash = UInt8(ascii: "/")
    private static let hyphen = UInt8(ascii: "-")

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
}
