import GuideQA

/// Tab completion: meta-command names after a leading `:`, else words of the corpus
/// as they are written there (`methylprednisolone`, `HLH`), by case-insensitive prefix.
struct Completion {
    private let words: [String]        // sorted by lower-cased form
    private let lowered: [String]

    init(corpus: Corpus) {
        var forms: [String: String] = [:]
        for passage in corpus.passages {
            for word in passage.text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) where word.count >= 4 {
                let lower = word.lowercased()
                // Prefer the lower-case form unless the word is only ever written in capitals.
                if forms[lower] == nil || word == lower { forms[lower] = String(word) }
            }
            if forms.count > 200_000 { break }
        }
        let sorted = forms.sorted { $0.key < $1.key }
        lowered = sorted.map(\.key)
        words = sorted.map(\.value)
    }

    func complete(_ word: String, before: String) -> [String] {
        if before.trimmingCharacters(in: .whitespaces).isEmpty && word.hasPrefix(":") {
            return MetaCommand.all.map(\.name).filter { $0.hasPrefix(word.lowercased()) }
        }
        guard !word.isEmpty else { return [] }
        let prefix = word.lowercased()
        var low = 0, high = lowered.count
        while low < high {
            let mid = (low + high) / 2
            if lowered[mid] < prefix { low = mid + 1 } else { high = mid }
        }
        var matches: [String] = []
        var i = low
        while i < lowered.count && lowered[i].hasPrefix(prefix) && matches.count < 200 {
            // Keep what the user typed, complete with the corpus's spelling of the rest.
            matches.append(word + String(words[i].dropFirst(word.count)))
            i += 1
        }
        return matches
    }
}

/// Builds the completion vocabulary on the first Tab, not at start: scanning every
/// passage of a large corpus would delay the prompt of every session for a feature
/// some sessions never use.
final class LazyCompletion {
    private let corpus: Corpus
    private var built: Completion?

    init(corpus: Corpus) {
        self.corpus = corpus
    }

    func complete(_ word: String, before: String) -> [String] {
        if built == nil { built = Completion(corpus: corpus) }
        return built?.complete(word, before: before) ?? []
    }
}
