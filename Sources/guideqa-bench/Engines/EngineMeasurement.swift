/// What one engine measured in one run. Optional figures are the ones an engine does
/// not have: FTS5 has no separate index file load or cold start from it.
struct EngineMeasurement: Sendable {
    var buildSeconds: Double = 0
    /// Heap the built index holds (allocator bytes in use after build minus before).
    var indexHeapBytes: Int?
    /// The index as stored: FTS5's database pages; guideqa's index file (`guideqa index --output`).
    var storedIndexBytes: Int?
    /// guideqa: median wall time of loading the index file in process (map, verify, decode).
    var storedIndexLoadSeconds: Double?
    /// guideqa: cold starts from the index file (`guideqa ask --index FILE`).
    var indexColdStarts: [ColdStart.Run] = []
    /// guideqa: REPL starts from the index file with no input (`guideqa repl --index FILE
    /// < /dev/null`): index loaded and prompt ready, then end of input.
    var indexReplStarts: [ColdStart.Run] = []
    /// guideqa: as answered (the passages past the no-answer floor); FTS5: its OR query.
    var latency: LatencySummary?
    /// guideqa: every passage that matches a word ranked (no floor), as FTS5's OR query.
    var everyMatchLatency: LatencySummary?
    var everyMatchQuality: RetrievalQuality?
    /// guideqa: each question's time, in question order (for `--latencies`), both ways.
    var nanoseconds: [UInt64] = []
    var everyMatchNanoseconds: [UInt64] = []
    /// Peak resident memory of the phase (index build + all queries), loaded corpus included.
    var phasePeakResident: Int?
    /// Cold-start runs of the engine's own process (spawn → first answer).
    var coldStarts: [ColdStart.Run] = []
    var coldStartError: String?
    var quality: RetrievalQuality?
    /// Top-10 passage ids per question, for `quality`.
    var results: [[String]] = []
}
