/// One passage's tokens, gathered with a single capacity check a token (an array's
/// append also checks that its storage is not shared, a call into the runtime, twice a
/// token for the two columns). Owned by one `WordAnalysis`, so by one thread.
final class TokenBuffer {
    private var termStorage: UnsafeMutablePointer<Int32>
    private var positionStorage: UnsafeMutablePointer<Int32>
    private var capacity = 1 << 12
    private(set) var count = 0

    init() {
        termStorage = .allocate(capacity: capacity)
        positionStorage = .allocate(capacity: capacity)
    }

    deinit {
        termStorage.deallocate()
        positionStorage.deallocate()
    }

    var terms: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: termStorage, count: count) }
    var positions: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: positionStorage, count: count) }

    func removeAll() { count = 0 }

    @inline(__always)
    func append(term: Int32, position: Int32) {
        if count == capacity { grow() }
        termStorage[count] = term
        positionStorage[count] = position
        count += 1
    }

    private func grow() {
        let larger = capacity * 2
        termStorage = Self.moved(termStorage, count: count, to: larger)
        positionStorage = Self.moved(positionStorage, count: count, to: larger)
        capacity = larger
    }

    private static func moved(_ storage: UnsafeMutablePointer<Int32>, count: Int,
                              to capacity: Int) -> UnsafeMutablePointer<Int32> {
        let larger = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        return larger
    }
}
