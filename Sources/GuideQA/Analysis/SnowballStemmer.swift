import CStemmer

/// The Snowball English (Porter2) stemmer from libstemmer.
///
/// Not thread-safe: libstemmer reuses one output buffer per instance, and sharing an
/// instance across threads corrupts the heap. Each `Analyzer` owns one.
final class SnowballStemmer {
    private let handle: OpaquePointer

    init?(algorithm: String = "english") {
        guard let handle = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit { sb_stemmer_delete(handle) }

    /// `word` must already be lower-cased: Snowball does not fold case.
    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: sb_symbol.self) { input in
                guard let out = sb_stemmer_stem(handle, input.baseAddress, Int32(input.count)) else {
                    return String(decoding: input, as: UTF8.self)
                }
                return String(decoding: UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(handle))),
                              as: UTF8.self)
            }
        }
    }
}
