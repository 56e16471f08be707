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
        self.init(corpus: corpus, analyzer: analyzer, chunkBytes: nil, threads: nil, bandBytes: nil, progress: progress)
    }

    /// The build with its knobs exposed, for tests: `chunkBytes` of text per chunk
    /// (nil: about 4 MB, fewer for small corpora), `threads` (nil: one per core from
    /// 4,000 passages, else one), `bandBytes` of laid-out postings per band of terms in
    /// the merge (nil: 24 MB, so only large fields are cut). Any choice gives the same index.
    init(corpus: Corpus, analyzer: Analyzer, chunkBytes: Int?, threads: Int?, bandBytes: Int? = nil,
         progress: ((Int) -> Void)? = nil) {
        // The corpus is cut into chunks of consecutive passages; one thread per core takes
        // the next chunk until none is left and packs it into a segment; the segments are
        // then laid out once. The result is identical to a sequential build (see
        // `FieldIndex.merging`), and the build's memory beyond the index is the packed
        // segments plus one chunk's tokens per thread.
        let chunks = Self.chunkBounds(corpus, targetBytes: chunkBytes)
        let threads = max(1, min(threads ?? (corpus.passages.count >= 4_000
            ? min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1), chunks.count - 1))
        let bodies = SegmentStore(count: chunks.count - 1)
        let headings = SegmentStore(count: chunks.count - 1)
        let tables = WorkerTables(threads)
        let queue = ChunkQueue(chunks.count - 1)
        let done = ProgressCounter(progress)
        DispatchQueue.concurrentPerform(iterations: threads) { w in
            var worker = IndexWorker(number: w, analyzer: analyzer)
            while let k = queue.next() {
                let (body, heading) = worker.index(chunks[k]..<chunks[k + 1], of: corpus)
                bodies.store(k, body)
                headings.store(k, heading)
                done.add(chunks[k + 1] - chunks[k])
            }
            tables.store(w, worker.terms)
        }
        let termTables = tables.take()
        // One field after the other, each unpacked on every core (a nested
        // `concurrentPerform` would run serially). The small heading field first: the body
        // merge then frees the workers' term tables before it lays out its postings.
        self.heading = FieldIndex.merging(headings, termTables: termTables, bandBytes: bandBytes)
        self.body = FieldIndex.merging(bodies, termTables: consume termTables, bandBytes: bandBytes)
    }

    /// Chunk boundaries (passage indices, first 0, last the passage count): about
    /// 4 MB of text each, fewer for small corpora so that every core gets several.
    static func chunkBounds(_ corpus: Corpus, targetBytes: Int? = nil) -> [Int] {
        let total = corpus.passages.reduce(0) { $0 + $1.text.utf8.count }
        let target = targetBytes ?? min(4 << 20, max(64 << 10, total / 16))
        var bounds = [0]
        var bytes = 0
        for (i, passage) in corpus.passages.enumerated() {
            bytes += passage.text.utf8.count
            if bytes >= target {
                bounds.append(i + 1)
                bytes = 0
            }
        }
        if bounds.last != corpus.passages.count || bounds.count == 1 { bounds.append(corpus.passages.count) }
        return bounds
    }

    /// What the heading field indexes for a passage: its document title and section path.
    public static func headingText(of passage: Passage, in corpus: Corpus) -> String {
        ([corpus.documents[passage.documentIndex].title] + passage.section).joined(separator: " \u{2022} ")
    }
}

/// The next chunk for whichever indexing thread asks first.
private final class ChunkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextChunk = 0
    private let count: Int

    init(_ count: Int) {
        self.count = count
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextChunk < count else { return nil }
        nextChunk += 1
        return nextChunk - 1
    }
}

/// Each indexing thread's term table, left behind for the merge.
private final class WorkerTables: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [ByteKeyTable]

    init(_ count: Int) {
        tables = Array(repeating: ByteKeyTable(capacity: 1), count: count)
    }

    func store(_ w: Int, _ table: ByteKeyTable) {
        lock.lock()
        tables[w] = table
        lock.unlock()
    }

    /// The tables, which this store then forgets (so that the merge can free them).
    func take() -> [ByteKeyTable] {
        lock.lock()
        defer { lock.unlock() }
        let all = tables
        tables = []
        return all
    }
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
