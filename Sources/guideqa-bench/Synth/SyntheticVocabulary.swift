/// The synthetic corpus's words by frequency rank: English function words first
/// (they dominate real text, and every OR-ed question drags them in), then real
/// medical words woven into the head of the distribution, then made-up words
/// ("kazemo", "tibuluna") spelled from the rank itself, so the vocabulary needs
/// no word list beyond a few hundred real words.
struct SyntheticVocabulary {
    /// Bytes of all words, and where each starts (word r is `bytes[starts[r]..<starts[r+1]]`).
    private let bytes: [UInt8]
    private let starts: [Int32]

    var count: Int { starts.count - 1 }

    init(size: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size * 8)
        var starts: [Int32] = [0]
        var medical = SyntheticWordLists.medical.makeIterator()
        for rank in 0..<size {
            if rank < SyntheticWordLists.function.count {
                bytes += SyntheticWordLists.function[rank].utf8
            } else if rank % 3 == 0, let word = medical.next() {
                bytes += word.utf8
            } else {
                Self.spell(rank, into: &bytes)
            }
            starts.append(Int32(bytes.count))
        }
        self.bytes = bytes
        self.starts = starts
    }

    func word(_ rank: Int) -> ArraySlice<UInt8> { bytes[Int(starts[rank])..<Int(starts[rank + 1])] }

    private static let consonants = Array("bdfgklmnprstvz".utf8)
    private static let vowels = Array("aeiou".utf8)

    /// The rank in base 70, one consonant–vowel syllable per digit, least significant
    /// first (so neighbouring ranks differ in their first letters, as real words do),
    /// at least two syllables: distinct ranks give distinct words, 4 to 8 letters up to
    /// rank 24 million.
    private static func spell(_ rank: Int, into bytes: inout [UInt8]) {
        var n = rank + 70
        while n > 0 {
            let digit = n % 70
            bytes.append(consonants[digit / 5])
            bytes.append(vowels[digit % 5])
            n /= 70
        }
    }
}
