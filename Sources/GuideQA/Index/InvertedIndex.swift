/// The searchable form of a corpus: one `FieldIndex` for passage text and one for
/// passage headings (document title and section path), built once, then immutable.
///
/// Headings are a field of their own so that a match there can count for more than
/// a match in running text ("treatment" in a section title says the passage is about it).
public struct InvertedIndex: Sendable {
    public let body: FieldIndex
    public let heading: FieldIndex

    public var passageCount: Int { body.passageCount }

    /// - Parameter progress: called now and then with the number of passages indexed so far
    ///   (for a progress display; the library itself prints nothing).
    public init(corpus: Corpus, analyzer: Analyzer, progress: ((Int) -> Void)? = nil) {
        // Large corpora are indexed in consecutive slices, one per core, then joined;
        // the result is identical to a sequential build (see `FieldIndex.concatenating`).
        let count = corpus.passages.count
        let slices = count >= 4_000 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        let bounds = (0...slices).map { $0 * count / slices }
        let results = SliceResults(slices)
        let done = ProgressCounter(progress)
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            var body = FieldIndexBuilder()
            var heading = FieldIndexBuilder()
            for i in bounds[k]..<bounds[k + 1] {
                let passage = corpus.passages[i]
                body.addPassage(passage.text, analyzer: analyzer)
                heading.addPassage(Self.headingText(of: passage, in: corpus), analyzer: analyzer)
                if i & 1023 == 1023 { done.add(1024) }
            }
            results.store(k, body.build(), heading.build())
        }
        self.body = FieldIndex.concatenating(results.bodies())
        self.heading = FieldIndex.concatenating(results.headings())
    }

    /// What the heading field indexes for a passage: its document title and section path.
    public static func headingText(of passage: Passage, in corpus: Corpus) -> String {
        ([corpus.documents[passage.documentIndex].title] + passage.section).joined(separator: " \u{2022} ")
    }
}

/// Per-slice results of a parallel build, written once each from worker threads.
private final class SliceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [(FieldIndex, FieldIndex)?]

    init(_ count: Int) {
        parts = Array(repeating: nil, count: count)
    }

    func store(_ k: Int, _ body: FieldIndex, _ heading: FieldIndex) {
        lock.lock()
        parts[k] = (body, heading)
        lock.unlock()
    }

    func bodies() -> [FieldIndex] { parts.compactMap { $0?.0 } }
    func headings() -> [FieldIndex] { parts.compactMap { $0?.1 } }
}

/// Passages indexed so far across threads, reported to the caller's progress closure.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let report: ((Int) -> Void)?

    init(_ report: ((Int) -> Void)?) {
        self.report = report
    }

    func add(_ n: Int) {
        guard let report else { return }
        lock.lock()
        done += n
        let now = done
        lock.unlock()
        report(now)
    }
}

import Foundation
