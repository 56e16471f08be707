import GuideQA

/// Times the FTS5 baseline exactly as `GuideQARunner` times guideqa: build, warm-up,
/// then every question once on this thread, building the MATCH expression inside
/// the timing as guideqa's planning is.
struct FTS5Runner {
    let corpus: Corpus

    func measure(questions: [BenchQuestion], warmup: Int) throws -> EngineMeasurement {
        var m = EngineMeasurement()
        ProcessMemory.trim()
        ProcessMemory.resetPeak()
        let heapBefore = ProcessMemory.heapInUse()
        let (index, buildSeconds) = try MonotonicClock.time { try FTS5Index(corpus: corpus) }
        m.buildSeconds = buildSeconds
        if let before = heapBefore, let after = ProcessMemory.heapInUse() { m.indexHeapBytes = after - before }
        m.storedIndexBytes = try index.storedBytes()

        for question in questions.prefix(warmup) { _ = try index.search(question.text) }

        var latencies = [UInt64](repeating: 0, count: questions.count)
        var ranked: [[Int]] = []
        ranked.reserveCapacity(questions.count)
        for (i, question) in questions.enumerated() {
            let start = MonotonicClock.now()
            let top = try index.search(question.text)
            latencies[i] = MonotonicClock.now() - start
            ranked.append(top)
        }
        m.latency = LatencySummary(nanoseconds: latencies)
        m.phasePeakResident = ProcessMemory.peakResident()
        m.results = ranked.map { $0.map { corpus.passages[$0].id } }
        m.quality = RetrievalQuality(results: m.results, questions: questions)
        return m
    }
}
