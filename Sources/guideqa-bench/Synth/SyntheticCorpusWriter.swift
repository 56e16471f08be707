import Foundation

/// Writes a synthetic corpus and a question file for it, byte-identical for a given
/// passage count and seed on any machine.
///
/// Passages come in "documents" of 3–17 that share a title (a made-up condition) and
/// a few topic words, which recur in their passages the way a guideline repeats its
/// subject. Other words follow `ZipfSampler` over `SyntheticVocabulary`; sentences are
/// 6–20 words; a passage is about 100 words (sum of four uniform draws), and one in
/// 25 is long (up to 900 words). A question names a passage's condition and one or
/// two of its rarer words; its `relevant` id is that passage.
struct SyntheticCorpusWriter {
    let passages: Int
    let questions: Int
    let seed: UInt64

    static let vocabularySize = 1 << 20

    struct Summary {
        let corpusBytes: Int
        let corpusChecksum: UInt64
        let questions: Int
        let queriesChecksum: UInt64
    }

    func write(corpus corpusPath: String, queries queriesPath: String) throws -> Summary {
        let vocabulary = SyntheticVocabulary(size: Self.vocabularySize)
        let zipf = ZipfSampler(size: vocabulary.count)
        let targets = questionTargets()
        var rng = SplitMix64(seed: seed)
        var corpus = try JSONLOutput(path: corpusPath)
        var queries = try JSONLOutput(path: queriesPath)

        var documentLeft = 0
        var title: [UInt8] = []
        var topic: [Int] = []
        var text: [UInt8] = []
        var rare: [Int] = []
        var asked = 0
        for p in 0..<passages {
            if documentLeft == 0 {
                documentLeft = 3 + rng.below(15)
                topic = (0..<(3 + rng.below(3))).map { _ in 2_000 + rng.below(200_000) }
                title = capitalized(vocabulary.word(topic[0])) + [0x20] + vocabulary.word(topic[1]) + [0x20]
                    + Array(SyntheticWordLists.conditions[rng.below(SyntheticWordLists.conditions.count)].utf8)
            }
            documentLeft -= 1
            let isTarget = targets.contains(p)
            text.removeAll(keepingCapacity: true)
            rare.removeAll(keepingCapacity: true)
            var length = 20 + rng.below(40) + rng.below(40) + rng.below(40) + rng.below(40)
            if rng.below(25) == 0 { length += rng.below(800) }
            var sentenceLeft = 0
            for _ in 0..<length {
                let roll = rng.below(100)
                var word: [UInt8]
                if roll < 4 {
                    word = Array(vocabulary.word(topic[rng.below(topic.count)]))
                } else if roll < 5 {
                    let unit = SyntheticWordLists.units[rng.below(SyntheticWordLists.units.count)]
                    word = Array("\(1 + rng.below(500)) \(unit)".utf8)
                } else {
                    let rank = zipf.sample(&rng)
                    word = Array(vocabulary.word(rank))
                    if isTarget && rank >= 1_000 && rare.count < 8 && !rare.contains(rank) { rare.append(rank) }
                }
                if sentenceLeft == 0 {
                    if !text.isEmpty { text += Array(". ".utf8) }
                    sentenceLeft = 6 + rng.below(15)
                    word = capitalized(word[...])
                } else {
                    text.append(0x20)
                }
                text += word
                sentenceLeft -= 1
            }
            text.append(UInt8(ascii: "."))
            let id = Array(String(format: "syn-%07d", p).utf8)
            corpus.object([("id", id), ("title", title), ("text", text),
                           ("source", Array("synthetic corpus, seed \(seed)".utf8))])
            if isTarget {
                var question = rng.below(SyntheticWordLists.questionTemplates.count)
                let words = rare.prefix(1 + rng.below(2)).map { Array(vocabulary.word($0)) }
                var line: [UInt8]
                if words.isEmpty {
                    line = Array("What is ".utf8) + title + [UInt8(ascii: "?")]
                } else {
                    let (open, middle) = SyntheticWordLists.questionTemplates[question]
                    line = Array("\(open) ".utf8) + Array(words.joined(separator: [0x20]))
                        + Array(" \(middle) ".utf8) + title + [UInt8(ascii: "?")]
                }
                question = asked
                asked += 1
                queries.object([("id", Array(String(format: "synq-%07d", question).utf8)),
                                ("question", line)], relevant: id)
            }
            try corpus.flushIfFull()
            try queries.flushIfFull()
        }
        try corpus.close()
        try queries.close()
        return Summary(corpusBytes: corpus.written, corpusChecksum: corpus.checksum,
                       questions: asked, queriesChecksum: queries.checksum)
    }

    /// The passages that get a question: `questions` distinct ones, from a stream of
    /// their own so the corpus does not depend on how many questions are asked.
    private func questionTargets() -> Set<Int> {
        var rng = SplitMix64(seed: seed ^ 0x5155_4553_5449_4F4E)
        var targets = Set<Int>()
        let wanted = min(questions, passages)
        while targets.count < wanted { targets.insert(rng.below(passages)) }
        return targets
    }

    private func capitalized(_ word: ArraySlice<UInt8>) -> [UInt8] {
        var word = Array(word)
        if let first = word.first, first >= 0x61, first <= 0x7A { word[0] = first - 0x20 }
        return word
    }
}

/// A JSONL file written through a large buffer, with an FNV-1a checksum of every byte
/// so two machines can confirm they generated the same corpus.
struct JSONLOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var written = 0
    private(set) var checksum: UInt64 = 0xCBF2_9CE4_8422_2325

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 22)
    }

    /// One line: an object of string fields, plus `"relevant": [id]` when given.
    mutating func object(_ fields: [(String, [UInt8])], relevant: [UInt8]? = nil) {
        buffer.append(UInt8(ascii: "{"))
        for (i, (name, value)) in fields.enumerated() {
            if i > 0 { buffer += Array(", ".utf8) }
            string(Array(name.utf8))
            buffer += Array(": ".utf8)
            string(value)
        }
        if let relevant {
            buffer += Array(", \"relevant\": [".utf8)
            string(relevant)
            buffer.append(UInt8(ascii: "]"))
        }
        buffer += Array("}\n".utf8)
    }

    private mutating func string(_ bytes: [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer += [UInt8(ascii: "\\"), byte]
            case 0x0A: buffer += Array("\\n".utf8)
            case 0..<0x20: buffer += Array(String(format: "\\u%04x", byte).utf8)
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    mutating func flushIfFull() throws {
        if buffer.count >= 1 << 22 { try flush() }
    }

    private mutating func flush() throws {
        for byte in buffer { checksum = (checksum ^ UInt64(byte)) &* 0x100_0000_01B3 }
        written += buffer.count
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        try handle.close()
    }
}
