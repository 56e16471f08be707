/// The harvester's fast path: a parenthesis decided from the UTF-8 bytes around it,
/// with no `String` made unless a pair is found.
///
/// On ASCII text the Unicode rules reduce to byte tests: a `Character` is one byte
/// (`\r\n` aside, which is one), a letter is A–Z or a–z, a number 0–9, lower-casing
/// is ASCII lower-casing. So the path decides only where that holds: a short form of
/// ASCII bytes, and window words of ASCII bytes without `\r`, including the character
/// just before the separator that starts the first word read (a non-ASCII "prepend"
/// character there would join that separator into one `Character`, and the words
/// would split elsewhere). Anything else is `needsUnicode`.
extension AbbreviationHarvester {
    enum ASCIIOutcome: Equatable {
        case found(short: String, long: String)
        /// No pair here, by the same rules.
        case none
        /// Not decidable from ASCII bytes: ask `unicodeDefinition`.
        case needsUnicode
    }

    /// The words before a parenthesis that can hold its long form: 2 × 10 letters at most.
    private static let maxWindowWords = 20

    static func asciiDefinition(_ b: UnsafeBufferPointer<UInt8>, open: Int, close: Int) -> ASCIIOutcome {
        let length = close - open - 1
        for j in (open + 1)..<close where b[j] >= 0x80 { return .needsUnicode }
        // The short form: 2–10 letters, digits or hyphens, a letter first, two capitals or digits.
        guard length >= 2, length <= 10, isLetter(b[open + 1]) else { return .none }
        var strong = 0
        for j in (open + 1)..<close {
            let c = b[j]
            guard isLetter(c) || isDigit(c) || c == UInt8(ascii: "-") else { return .none }
            if isDigit(c) || (c >= 65 && c <= 90) { strong += 1 }
        }
        guard strong >= 2 else { return .none }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * maxWindowWords) { words in
            guard let count = windowWords(b, before: open, limit: min(length + 5, 2 * length), into: words) else {
                return .needsUnicode
            }
            guard let long = longForm(b, short: (open + 1)..<close, words: words, count: count) else { return .none }
            return .found(short: String(decoding: UnsafeBufferPointer(rebasing: b[(open + 1)..<close]), as: UTF8.self),
                          long: long)
        }
    }

    /// Fills `words` with (start, end) byte offsets of the last `limit` words in the 200
    /// bytes before `open`, last word first, split at spaces and newlines. Nil when
    /// these bytes are not plain ASCII (see the type's comment).
    private static func windowWords(_ b: UnsafeBufferPointer<UInt8>, before open: Int, limit: Int,
                                    into words: UnsafeMutableBufferPointer<Int>) -> Int? {
        let from = max(0, open - 200)
        var j = open - 1
        var count = 0
        while count < limit {
            while j >= from && isSeparator(b[j]) { j -= 1 }
            if j < from { return count }
            let end = j + 1
            while j >= from && !isSeparator(b[j]) {
                if b[j] >= 0x80 || b[j] == 0x0D { return nil }
                j -= 1
            }
            words[2 * count] = j + 1
            words[2 * count + 1] = end
            count += 1
        }
        // `j` is the separator before the first word read: what stands before it must not join it.
        if j - 1 >= from && (b[j - 1] >= 0x80 || b[j - 1] == 0x0D) { return nil }
        return count
    }

    /// `longForm(for:in:)` on ASCII words (`words`: last word first). The letters are
    /// matched from the end once for all candidates: each longer candidate only adds
    /// words in front, and the greedy match carries on where the shorter one stopped.
    private static func longForm(_ b: UnsafeBufferPointer<UInt8>, short: Range<Int>,
                                 words: UnsafeMutableBufferPointer<Int>, count: Int) -> String? {
        guard count > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: short.count) { letters in
            var letterCount = 0
            for j in short where b[j] != UInt8(ascii: "-") {
                letters[letterCount] = lower(b[j])
                letterCount += 1
            }
            var i = letterCount - 1
            var candidateLength = -1
            for w in 0..<count {
                let start = words[2 * w], end = words[2 * w + 1]
                candidateLength += end - start + 1
                var p = end - 1
                while p >= start && i >= 0 {
                    if lower(b[p]) == letters[i] { i -= 1 }
                    p -= 1
                }
                guard lower(b[start]) == letters[0] else { continue }
                if i < 0 && candidateLength > short.count {
                    return candidate(b, words: words, first: w)
                }
            }
            return nil
        }
    }

    /// Words `first` … 0 (text order) joined by single spaces, trimmed as `longForm` trims.
    private static func candidate(_ b: UnsafeBufferPointer<UInt8>, words: UnsafeMutableBufferPointer<Int>,
                                  first: Int) -> String? {
        var text: [UInt8] = []
        for w in stride(from: first, through: 0, by: -1) {
            if w != first { text.append(UInt8(ascii: " ")) }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: b[words[2 * w]..<words[2 * w + 1]]))
        }
        var lo = 0, hi = text.count
        while lo < hi && trimmedASCII[Int(text[lo])] { lo += 1 }
        while hi > lo && trimmedASCII[Int(text[hi - 1])] { hi -= 1 }
        return lo < hi ? String(decoding: text[lo..<hi], as: UTF8.self) : nil
    }

    /// `trimmed` for each ASCII byte, read from the same `CharacterSet`.
    private static let trimmedASCII: [Bool] = (0..<128).map { trimmed.contains(Unicode.Scalar(UInt8($0))) }

    @inline(__always) private static func isSeparator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\n")
    }

    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 97 < 26 }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    @inline(__always) private static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }
}
