/// A fast reader for the one JSON shape a JSONL corpus line has: an object whose
/// values that matter are strings.
///
/// Foundation's `JSONSerialization` builds an `NSDictionary` of bridged objects per
/// line, which made loading a 20 MB corpus take over a second; this reads the bytes
/// once. Values that are not strings are recorded by type (for "field \"text\" must
/// be a string" errors) and skipped, nested structures included.
enum FlatJSON {
    enum Value: Equatable {
        case string(String)
        case other(String)   // the JSON type's name: "a number", "an object", …
    }

    struct ParseError: Error {
        var message: String
    }

    static func parseObject(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> [String: Value] {
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        guard reader.peek() == UInt8(ascii: "{") else {
            throw ParseError(message: reader.atEnd ? "empty line" : "not an object")
        }
        reader.index += 1
        var object: [String: Value] = [:]
        reader.skipSpace()
        if reader.peek() == UInt8(ascii: "}") {
            reader.index += 1
        } else {
            while true {
                reader.skipSpace()
                guard reader.peek() == UInt8(ascii: "\"") else { throw reader.error("expected a key") }
                let key = try reader.string()
                reader.skipSpace()
                guard reader.peek() == UInt8(ascii: ":") else { throw reader.error("expected ':'") }
                reader.index += 1
                reader.skipSpace()
                object[key] = try reader.value()
                reader.skipSpace()
                if reader.peek() == UInt8(ascii: ",") { reader.index += 1; continue }
                if reader.peek() == UInt8(ascii: "}") { reader.index += 1; break }
                throw reader.error(reader.atEnd ? "unexpected end of line (truncated?)" : "expected ',' or '}'")
            }
        }
        reader.skipSpace()
        guard reader.atEnd else { throw reader.error("text after the object") }
        return object
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ message: String) -> ParseError {
            ParseError(message: "\(message) at column \(index + 1)")
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
                index += 1
            }
        }

        mutating func value() throws(ParseError) -> Value {
            guard let c = peek() else { throw error("unexpected end of line (truncated?)") }
            switch c {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try skipNested()
                return .other(c == UInt8(ascii: "{") ? "an object" : "an array")
            case UInt8(ascii: "t"): try literal("true"); return .other("a boolean")
            case UInt8(ascii: "f"): try literal("false"); return .other("a boolean")
            case UInt8(ascii: "n"): try literal("null"); return .other("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while let d = peek(), d == UInt8(ascii: "-") || d == UInt8(ascii: "+") || d == UInt8(ascii: ".")
                        || d == UInt8(ascii: "e") || d == UInt8(ascii: "E") || (d >= 48 && d <= 57) {
                    index += 1
                }
                if index == start { throw error("bad number") }
                return .other("a number")
            default:
                throw error("unexpected character")
            }
        }

        mutating func literal(_ word: String) throws(ParseError) {
            for byte in word.utf8 {
                guard peek() == byte else { throw error("bad literal") }
                index += 1
            }
        }

        /// Skips an object or array, strings inside included.
        mutating func skipNested() throws(ParseError) {
            var depth = 0
            while let c = peek() {
                switch c {
                case UInt8(ascii: "\""): _ = try string(); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { index += 1; return }
                default: break
                }
                index += 1
            }
            throw error("unexpected end of line (truncated?)")
        }

        /// Reads a string starting at its opening quote.
        mutating func string() throws(ParseError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < bytes.count {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if c == UInt8(ascii: "\\") { break }
                if c < 0x20 { throw error("control character in string") }
                index += 1
            }
            var out = Array(bytes[start..<index])
            while index < bytes.count {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c < 0x20 { throw error("control character in string") }
                if c != UInt8(ascii: "\\") {
                    out.append(c)
                    index += 1
                    continue
                }
                index += 1
                guard let e = peek() else { break }
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A surrogate pair: the low half must follow.
                        guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("lone surrogate in \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("bad surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error("bad \\u escape") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw error("bad escape")
                }
            }
            throw error("unterminated string (truncated?)")
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("bad \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let digit: UInt32
                switch c {
                case 48...57: digit = UInt32(c - 48)
                case 65...70: digit = UInt32(c - 55)
                case 97...102: digit = UInt32(c - 87)
                default: throw error("bad \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
