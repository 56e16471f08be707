import Foundation

/// The segments of one field, in chunk order, handed from the indexing threads to the
/// merge, which frees each as soon as every reader is done with it.
final class SegmentStore: @unchecked Sendable {
    private let lock = NSLock()
    private var segments: [Segment?]
    private var readersLeft: [Int] = []

    init(count: Int) {
        segments = Array(repeating: nil, count: count)
    }

    var count: Int { segments.count }

    func store(_ k: Int, _ segment: Segment) {
        lock.lock()
        segments[k] = segment
        lock.unlock()
    }

    func read(_ k: Int, _ body: (Segment) -> Void) {
        lock.lock()
        let segment = segments[k]!
        lock.unlock()
        body(segment)
    }

    /// Hands a segment over and forgets it, so its memory goes when the caller is done.
    func take(_ k: Int) -> Segment {
        lock.lock()
        defer { lock.unlock() }
        let segment = segments[k]!
        segments[k] = nil
        return segment
    }

    /// How many readers each segment has from now on (the merge's parts).
    func expectReaders(_ count: Int) {
        lock.lock()
        readersLeft = Array(repeating: count, count: segments.count)
        lock.unlock()
    }

    /// One reader is done with segment `k`; after the last, the segment is forgotten, so
    /// its memory goes when the readers' copies do.
    func done(_ k: Int) {
        lock.lock()
        defer { lock.unlock() }
        readersLeft[k] -= 1
        if readersLeft[k] == 0 { segments[k] = nil }
    }
}
