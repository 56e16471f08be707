/// Finds the words of a text, as byte ranges of its UTF-8.
///
/// A word is a run of letters, digits and combining marks. Inside a word, `-`, `/`,
/// `'` join when a word character follows, and `.` `,` join between digits, so that
/// `IL-18`, `sIL-2R`, `ng/mL`, `1.5`, `2,400` and `Still's` arrive whole; splitting
/// them is the normalizer's decision, which sees the whole word. Works on bytes with
/// an ASCII fast path: this is the innermost loop of indexing.
enum WordTokenizer {
    /// Calls `word(start, end)` for each word, with UTF-8 offsets.
    @inline(__always)
    static func words(in bytes: UnsafeBufferPointer<UInt8>, _ word: (Int, Int) -> Void) {
        var cursor = Cursor(bytes)
        while let (start, end) = cursor.next() { word(start, end) }
    }

    /// The words of a text one after another. `next()` is inlined into the caller's
    /// loop, so the index build's per-word work runs there, not in a closure called
    /// once a word (a call that saved and restored registers for every word).
    struct Cursor {
        private let bytes: UnsafeBufferPointer<UInt8>
        private let isWordByte: UnsafePointer<UInt8>
        private var i = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            isWordByte = WordTokenizer.asciiWordBytes
        }

        /// The next word's UTF-8 offsets, or nil at the end of the text.
        @inline(__always)
        mutating func next() -> (start: Int, end: Int)? {
            let n = bytes.count
            while i < n {
                let first = bytes[i]
                let start = i
                if isWordByte[Int(first)] != 0 {
                    // ASCII, most of any text: one table look-up a byte.
                    i += 1
                } else if first < 0x80 {
                    i = first == 0x1B ? skipEscape(bytes, i) : i + 1
                    continue
                } else {
                    let (isWord, length) = classifyNonASCII(bytes, i)
                    i += length
                    if !isWord { continue }
                }
                while i < n {
                    let c = bytes[i]
                    if isWordByte[Int(c)] != 0 {
                        i += 1
                        continue
                    }
                    if c >= 0x80 {
                        let (inWord, length) = classifyNonASCII(bytes, i)
                        if inWord {
                            i += length
                            continue
                        }
                    }
                    // A joiner stays only when a word character follows it. The character
                    // before it is a digit exactly when its last byte is an ASCII digit.
                    let joinerLength = joiner(bytes, i, afterDigit: isDigit(bytes[i - 1]))
                    guard joinerLength > 0, i + joinerLength < n else { break }
                    let (nextIsWord, _) = classify(bytes, i + joinerLength)
                    guard nextIsWord else { break }
                    if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && !isDigit(bytes[i + 1]) { break }
                    i += joinerLength
                }
                return (start, i)
            }
            return nil
        }
    }

    /// 1 for the bytes of ASCII letters and digits, else 0: `isASCIIWord` as a table.
    /// Made once and kept for the life of the process (like any static constant), so a
    /// cursor can hold a plain pointer to it; never written after it is made.
    nonisolated(unsafe) private static let asciiWordBytes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0...255 { table[b] = isASCIIWord(UInt8(b)) ? 1 : 0 }
        return UnsafePointer(table)
    }()

    /// A letter or digit of ASCII.
    @inline(__always) static func isASCIIWord(_ c: UInt8) -> Bool {
        (c | 0x20) &- 97 < 26 || c &- 48 < 10
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// The index just past the escape sequence at `i`: CSI (`ESC [` … final byte
    /// `@`–`~`), OSC (`ESC ]` … BEL or `ESC \`), or `ESC` and one more byte.
    static func skipEscape(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = b.count
        guard i + 1 < n else { return n }
        switch b[i + 1] {
        case UInt8(ascii: "["):
            var j = i + 2
            while j < n && !(b[j] >= 0x40 && b[j] <= 0x7E) { j += 1 }
            return min(n, j + 1)
        case UInt8(ascii: "]"):
            var j = i + 2
            while j < n {
                if b[j] == 0x07 { return j + 1 }
                if b[j] == 0x1B && j + 1 < n && b[j + 1] == UInt8(ascii: "\\") { return j + 2 }
                j += 1
            }
            return n
        default:
            return i + 2
        }
    }

    /// Bytes of the joiner at `i`, or 0. Hyphens include U+2010 and U+2011 (3 bytes).
    @inline(__always) private static func joiner(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, afterDigit: Bool) -> Int {
        switch b[i] {
        case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "'"): return 1
        case UInt8(ascii: "."), UInt8(ascii: ","): return afterDigit ? 1 : 0
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80:
            // U+2010 ‐, U+2011 ‑ (hyphens), U+2019 ’ (apostrophe)
            return (b[i + 2] == 0x90 || b[i + 2] == 0x91 || b[i + 2] == 0x99) ? 3 : 0
        default: return 0
        }
    }

    /// Whether the character at `i` belongs to a word, and its length in bytes.
    @inline(__always) static func classify(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Bool, Int) {
        let c = b[i]
        if c < 0x80 { return (isASCIIWord(c), 1) }
        return classifyNonASCII(b, i)
    }

    /// `classify` for a character that is not ASCII: decodes it and asks Unicode.
    @inline(never) static func classifyNonASCII(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Bool, Int) {
        let (scalar, length) = decode(b, i)
        guard let scalar else { return (false, length) }
        let p = scalar.properties
        if p.isAlphabetic || p.numericType != nil { return (true, length) }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return (true, length)
        default: return (false, length)
        }
    }

    /// Decodes one scalar of valid UTF-8 (Swift strings always are).
    @inline(__always) private static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar?, Int) {
        let c = UInt32(b[i])
        let n = b.count
        if c & 0xE0 == 0xC0, i + 1 < n {
            return (Unicode.Scalar((c & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F), 2)
        }
        if c & 0xF0 == 0xE0, i + 2 < n {
            return (Unicode.Scalar((c & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | UInt32(b[i + 2]) & 0x3F), 3)
        }
        if c & 0xF8 == 0xF0, i + 3 < n {
            let v = (c & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6
                | UInt32(b[i + 3]) & 0x3F
            return (Unicode.Scalar(v), 4)
        }
        return (nil, 1)
    }
}
