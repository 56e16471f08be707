import GuideQA

/// Builds the guideqa engine on a loaded corpus and times it through the public API
/// only (`Engine(corpus:options:)`, `planner.plan`, `rank`), as a front end would.
///
/// Questions are timed twice, in two passes with an engine each (so that neither
/// finds the other's remembered term peaks): as `guideqa` answers them, ranking only
/// the passages that pass the no-answer floor (`EngineOptions.floor`), and ranking
/// every passage that matches a word, as FTS5's OR query does.
struct GuideQARunner {
    let corpus: Corpus
    let options: EngineOptions
    /// The synonym tables questions are expanded with, as `guideqa` ships them.
    let vocabulary: Vocabulary

    /// Where the time of one query goes, and how much work it is; for the lead, not a
    /// comparison (FTS5 has no such split).
    struct Breakdown: Sendable {
        var analysisSeconds: Double = 0
        var plan: LatencySummary?
        var rank: LatencySummary?
        var meanPlanTerms: Double = 0
        /// Postings the ranker walks per query (body + heading document frequencies of the plan's terms).
        var meanPostings: Double = 0
    }

    func measure(questions: [BenchQuestion], warmup: Int,
                 everyMatch timesEveryMatch: Bool = true) throws -> (EngineMeasurement, Breakdown, Engine) {
        let floor = options.floor
        var m = EngineMeasurement()
        ProcessMemory.trim()
        ProcessMemory.resetPeak()
        let heapBefore = ProcessMemory.heapInUse()
        let (built, buildSeconds) = try MonotonicClock.time { try Engine(corpus: corpus, options: options) }
        m.buildSeconds = buildSeconds
        if let before = heapBefore, let after = ProcessMemory.heapInUse() { m.indexHeapBytes = after - before }
        // Questions are asked as `guideqa` answers them, with the shipped synonym tables;
        // the table is built in the background, and no timed question waits for it.
        let engine = try Engine(corpus: corpus, index: built.index, analyzer: built.analyzer, options: options,
                                vocabulary: vocabulary)
        _ = engine.planner.synonyms

        let (latency, results, nanoseconds) = timedPass(questions, warmup: warmup, engine, floor: floor)
        m.latency = latency
        m.nanoseconds = nanoseconds
        m.results = results
        m.quality = RetrievalQuality(results: results, questions: questions)

        if timesEveryMatch {
            let everyMatch = try Engine(corpus: corpus, index: built.index, analyzer: built.analyzer, options: options,
                                        vocabulary: vocabulary)
            _ = everyMatch.planner.synonyms
            let (everyLatency, everyResults, everyNanoseconds) = timedPass(questions, warmup: warmup, everyMatch, floor: 0)
            m.everyMatchLatency = everyLatency
            m.everyMatchNanoseconds = everyNanoseconds
            m.everyMatchQuality = RetrievalQuality(results: everyResults, questions: questions)
        }
        m.phasePeakResident = ProcessMemory.peakResident()
        return (m, breakdown(engine, questions, floor: floor), engine)
    }

    /// The warm-up questions, then every question timed, one after another.
    private func timedPass(_ questions: [BenchQuestion], warmup: Int, _ engine: Engine,
                           floor: Double) -> (LatencySummary?, [[String]], [UInt64]) {
        for question in questions.prefix(warmup) { _ = answer(question.text, engine, floor: floor) }
        var latencies = [UInt64](repeating: 0, count: questions.count)
        var ranked: [[RankedPassage]] = []
        ranked.reserveCapacity(questions.count)
        for (i, question) in questions.enumerated() {
            let start = MonotonicClock.now()
            let top = answer(question.text, engine, floor: floor)
            latencies[i] = MonotonicClock.now() - start
            ranked.append(top)
        }
        return (LatencySummary(nanoseconds: latencies), ranked.map { $0.map { corpus.passages[$0.passage].id } }, latencies)
    }

    /// One question, timed as the issue defines a query: planning included. With the
    /// floor, what `guideqa` ranks for an answer (`Engine.answer` then shows them all).
    @inline(never)
    private func answer(_ question: String, _ engine: Engine, floor: Double) -> [RankedPassage] {
        let (plan, _, _) = engine.planner.plan(question, in: Conversation())
        return engine.rank(plan, limit: 10, minimumCoverage: floor)
    }

    /// Planning and ranking timed apart, the work per query, and the share of the
    /// build that is text analysis (a fresh analyzer, so its word cache starts cold
    /// as the engine's did).
    private func breakdown(_ engine: Engine, _ questions: [BenchQuestion], floor: Double) -> Breakdown {
        var b = Breakdown()
        var plans: [QueryPlan] = []
        plans.reserveCapacity(questions.count)
        var planTimes = [UInt64](repeating: 0, count: questions.count)
        for (i, question) in questions.enumerated() {
            let start = MonotonicClock.now()
            let (plan, _, _) = engine.planner.plan(question.text, in: Conversation())
            planTimes[i] = MonotonicClock.now() - start
            plans.append(plan)
        }
        var rankTimes = [UInt64](repeating: 0, count: plans.count)
        var sink = 0
        for (i, plan) in plans.enumerated() {
            let start = MonotonicClock.now()
            sink &+= engine.rank(plan, limit: 10, minimumCoverage: floor).count
            rankTimes[i] = MonotonicClock.now() - start
        }
        b.plan = LatencySummary(nanoseconds: planTimes)
        b.rank = LatencySummary(nanoseconds: rankTimes)
        var terms = 0, postings = 0
        for plan in plans {
            var seen = Set<String>()
            for term in plan.terms where term.weight > 0 && seen.insert(term.text).inserted {
                terms += 1
                postings += engine.index.body.documentFrequency(term.text)
                postings += engine.index.heading.documentFrequency(term.text)
            }
        }
        b.meanPlanTerms = Double(terms) / Double(max(1, plans.count))
        b.meanPostings = Double(postings) / Double(max(1, plans.count))

        let analyzer = Analyzer(options: options.analysis)
        let (_, analysisSeconds) = MonotonicClock.time {
            var tokens = 0
            for passage in corpus.passages {
                analyzer.forEachToken(passage.text) { _, _, _, _ in tokens &+= 1 }
                analyzer.forEachToken(InvertedIndex.headingText(of: passage, in: corpus)) { _, _, _, _ in tokens &+= 1 }
            }
            sink &+= tokens
        }
        b.analysisSeconds = analysisSeconds
        if sink == Int.min { print("") }   // keeps the loops from being optimized away
        return (b)
    }
}
