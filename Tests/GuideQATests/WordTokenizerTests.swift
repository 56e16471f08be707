import Testing
@testable import GuideQA

/// The tokenizer's fast path (a byte table; the digit before a joiner read from the byte
/// before it) against the byte-at-a-time tokenizer it replaced, kept here as the reference.
@Suite struct WordTokenizerTests {
    /// The tokenizer as it was before its fast paths: one byte at a time, a flag for
    /// "the last word character was a digit".
    private static func referenceWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = bytes.count
        var i = 0
        while i < n {
            let first = bytes[i]
            let start = i
            if first < 0x80 {
                if !WordTokenizer.isASCIIWord(first) {
                    i = first == 0x1B ? WordTokenizer.skipEscape(bytes, i) : i + 1
                    continue
                }
                i += 1
            } else {
                let (isWord, length) = WordTokenizer.classifyNonASCII(bytes, i)
                i += length
                if !isWord { continue }
            }
            var previousDigit = WordTokenizer.isDigit(first)
            while i < n {
                let c = bytes[i]
                if c < 0x80 {
                    if WordTokenizer.isASCIIWord(c) {
                        previousDigit = WordTokenizer.isDigit(c)
                        i += 1
                        continue
                    }
                } else {
                    let (inWord, length) = WordTokenizer.classifyNonASCII(bytes, i)
                    if inWord {
                        previousDigit = false
                        i += length
                        continue
                    }
                }
                var joinerLength = 0
                switch c {
                case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "'"): joinerLength = 1
                case UInt8(ascii: "."), UInt8(ascii: ","): joinerLength = previousDigit ? 1 : 0
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80:
                    joinerLength = (bytes[i + 2] == 0x90 || bytes[i + 2] == 0x91 || bytes[i + 2] == 0x99) ? 3 : 0
                default: joinerLength = 0
                }
                guard joinerLength > 0, i + joinerLength < n else { break }
                let (nextIsWord, _) = WordTokenizer.classify(bytes, i + joinerLength)
                guard nextIsWord else { break }
                if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && !WordTokenizer.isDigit(bytes[i + 1]) { break }
                i += joinerLength
            }
            result.append(start..<i)
        }
        return result
    }

    private func both(_ text: String) -> (fast: [Range<Int>], reference: [Range<Int>]) {
        var text = text
        return text.withUTF8 { bytes in
            var fast: [Range<Int>] = []
            WordTokenizer.words(in: bytes) { fast.append($0..<$1) }
            return (fast, Self.referenceWords(bytes))
        }
    }

    @Test func randomTextsSplitAsByTheReference() {
        let pieces = ["a", "B", "z", "Z", "0", "9", "abcdefgh", "ABCDEFGHIJKL", "12345678901", " ", " ", "\n", "-", "/",
                      "'", ".", ",", "é", "ß", "γ", "\u{0301}", "\u{2010}", "\u{2011}", "\u{2019}", "\u{2014}", "🩸",
                      "\u{1B}[31m", "\u{1B}]8;;x\u{07}", "\u{1B}", "@", "[", "`", "{", ":", "\t", "IL-18", "2,400", "1.5"]
        var state: UInt64 = 11
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var words = 0
        for _ in 0..<5_000 {
            let text = (0..<(next() % 40)).map { _ in pieces[next() % pieces.count] }.joined()
            let (fast, reference) = both(text)
            #expect(fast == reference, "\(text.debugDescription)")
            words += reference.count
        }
        #expect(words > 20_000)
    }

    @Test func defaultCorpusSplitsAsByTheReference() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        for passage in corpus.passages {
            let (fast, reference) = both(passage.text)
            #expect(fast == reference, "\(passage.id)")
        }
    }
}
