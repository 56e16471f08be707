/// What one engine measured in one run. Optional figures are the ones an engine does
/// not have (yet): `storedIndexBytes` is empty for guideqa until it persists its index.
struct EngineMeasurement: Sendable {
    var buildSeconds: Double = 0
    /// Heap the built index holds (allocator bytes in use after build minus before).
    var indexHeapBytes: Int?
    /// The index as stored: FTS5's database pages; guideqa's index file, once it has one.
    var storedIndexBytes: Int?
    var latency: LatencySummary?
    /// Peak resident memory of the phase (index build + all queries), loaded corpus included.
    var phasePeakResident: Int?
    /// Cold-start runs of the engine's own process (spawn → first answer).
    var coldStarts: [ColdStart.Run] = []
    var coldStartError: String?
    var quality: RetrievalQuality?
    /// Top-10 passage ids per question, for `quality`.
    var results: [[String]] = []
}
