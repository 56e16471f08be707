#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Finds the abbreviations a corpus defines itself, in the form "long form (SF)".
///
/// A simplified Schwartz & Hearst (2003) matcher: the short form is 2–10 characters
/// in parentheses, starts with a letter and has at least two capitals or digits; its
/// long form is the shortest run of words just before the parenthesis in which the
/// short form's letters appear in order, the first at the start of a word. So
/// "progressive pseudorheumatoid dysplasia (PPRD)" gives PPRD ↔ the disease's name.
///
/// It reads every passage when an engine is built from a corpus, so it is built for
/// speed: the text is scanned as UTF-8 bytes, each parenthesis is decided from the
/// bytes around it (`asciiDefinition`), and only a parenthesis with non-ASCII text
/// in or near it goes through the Unicode rules (`unicodeDefinition`, with Swift's
/// `Character` semantics: the behaviour the vocabulary was first defined by). Large
/// corpora are harvested on every core.
enum AbbreviationHarvester {
    static func harvest(_ texts: [String]) -> Vocabulary {
        harvest(texts.count) { texts[$0] }
    }

    /// Harvests texts 0..<count, each read by `text` on the thread that scans it: the
    /// caller need not copy them out first (a corpus's passages are values, and copying
    /// 16,000 of them on one thread cost a third of the harvest).
    static func harvest(_ count: Int, text: @Sendable (Int) -> String) -> Vocabulary {
        vocabulary(from: definitionsInParallel(count, text: text).joined())
    }

    /// Groups "long form (SF)" pairs by short form.
    static func vocabulary(from definitions: some Sequence<(String, String)>) -> Vocabulary {
        var pairs: [String: Set<String>] = [:]
        for (short, long) in definitions {
            pairs[short, default: []].insert(long.lowercased())
        }
        // A short form defined with many different long forms is ambiguous: leave it out.
        let groups = pairs.filter { $0.value.count <= 2 }.sorted { $0.key < $1.key }
            .map { [$0.key] + $0.value.sorted() }
        return Vocabulary(groups: groups)
    }

    /// The definitions of each slice of texts 0..<count, slices in order. The groups do
    /// not depend on the order (each short form collects a set), but keeping it costs nothing.
    private static func definitionsInParallel(_ count: Int, text: @Sendable (Int) -> String) -> [[(String, String)]] {
        let parts = count >= 2_000 ? min(ProcessInfo.processInfo.activeProcessorCount, 8) * 4 : 1
        let results = DefinitionSlots(parts)
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            var found: [(String, String)] = []
            for i in (k * count / parts)..<((k + 1) * count / parts) {
                found += definitions(in: text(i))
            }
            results.store(k, found)
        }
        return results.all()
    }

    /// The "long form (SF)" pairs of one text, in order.
    /// - Parameter asciiFastPath: false decides every parenthesis with the Unicode rules
    ///   alone (what the fast path is tested against).
    static func definitions(in text: String, asciiFastPath: Bool = true) -> [(String, String)] {
        var result: [(String, String)] = []
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var i = 0
            while i < count {
                guard let found = memchr(base + i, Int32(UInt8(ascii: "(")), count - i) else { break }
                let open = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                i = open + 1
                // The first ")" within 12 bytes closes a candidate short form.
                var close = open + 1
                while close < count, close - open <= 12, bytes[close] != UInt8(ascii: ")") { close += 1 }
                guard close < count, bytes[close] == UInt8(ascii: ")") else { continue }
                if asciiFastPath {
                    switch asciiDefinition(bytes, open: open, close: close) {
                    case .found(let short, let long): result.append((short, long)); continue
                    case .none: continue
                    case .needsUnicode: break
                    }
                }
                if let pair = unicodeDefinition(bytes, open: open, close: close) { result.append(pair) }
            }
        }
        return result
    }
}

/// One result slot per slice of a parallel harvest.
private final class DefinitionSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[(String, String)]]

    init(_ count: Int) {
        slots = Array(repeating: [], count: count)
    }

    func store(_ k: Int, _ found: [(String, String)]) {
        lock.withLock { slots[k] = found }
    }

    func all() -> [[(String, String)]] {
        lock.withLock { slots }
    }
}
