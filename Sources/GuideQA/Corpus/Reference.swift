/// One bibliographic reference, in full, as a clinician would look it up.
///
/// Two documents citing the same source (same text after whitespace folding) share one
/// `Reference`, so an answer never lists the same source twice.
public struct Reference: Sendable, Hashable {
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// The key under which references are merged across documents.
    var mergeKey: String {
        // ASCII fast path: a JSONL corpus may carry a distinct source on every line.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for byte in text.utf8 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(byte >= 65 && byte <= 90 ? byte | 0x20 : byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
