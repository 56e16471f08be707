import Foundation

/// The segments of one field, in chunk order (or the pieces they are cut into), handed
/// from the indexing threads to the merge, which takes each and frees it once unpacked.
final class SegmentStore: @unchecked Sendable {
    private let lock = NSLock()
    private var segments: [Segment?]

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
}
