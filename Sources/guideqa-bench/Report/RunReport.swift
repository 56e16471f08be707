import Foundation

/// The printed result of one `run`: a header (machine, corpus, questions), the speed
/// table, the quality table, and where guideqa's time goes.
struct RunReport {
    let label: String
    let corpusPath: String
    let queriesPath: String
    let passages: Int
    /// UTF-8 bytes of title + text over all passages: what both engines index.
    let textBytes: Int
    let questions: Int
    let warmup: Int
    let ranking: String
    /// The no-answer floor the answers were ranked with.
    let floor: Double
    let loadSeconds: Double
    let residentWithCorpus: Int?
    let guideqa: EngineMeasurement
    let fts5: EngineMeasurement?
    let breakdown: GuideQARunner.Breakdown
    let features: FeatureCosts
    let bar: RunCommand.BarSet

    func render() -> String {
        var out = "## \(label)\n\n"
        out += "- machine: \(Machine.summary())\n"
        out += "- corpus: \(corpusPath): \(passages) passages, \(Figure.bytes(textBytes).text) of title + text\n"
        out += "- questions: \(queriesPath): \(questions), single-threaded, after \(warmup) warm-up questions each\n"
        out += "- load average at the end: \(Machine.loadAverage()) (other work on the machine skews timings)\n"
        out += "- guideqa ranking: \(ranking); a query is planned and ranked as `guideqa` answers: the top 10 of the "
            + "passages that cover at least \(floor) of the question (its no-answer floor); \"every match ranked\": "
            + "the top 10 of every passage that matches a word\n"
        out += "- FTS5: bm25(), question words OR-ed, contentless table, in memory\n\n"
        out += speed().render() + "\n"
        if let quality = quality() { out += quality.render() + "\n" }
        out += whereTimeGoes().render() + "\n"
        out += featureCosts()
        if let error = guideqa.coldStartError { out += "\nguideqa cold start not measured: \(error)\n" }
        if let error = fts5?.coldStartError { out += "\nFTS5 cold start not measured: \(error)\n" }
        return out
    }

    private var bars: (build: Bar?, p50: Bar?, p99: Bar?, memory: Bar?, coldIndex: Bar?) {
        switch bar {
        case .eval: (.atMost(.seconds(0.5), "≤ 0.5 s"), .atMost(.seconds(50e-6), "≤ 50 µs"),
                     .atMost(.seconds(0.5e-3), "≤ 0.5 ms"), nil, nil)
        case .million: (nil, .atMost(.seconds(5e-3), "≤ 5 ms"), nil, .atMost(.bytes(2_000_000_000), "≤ 2 GB"), nil)
        case .synth100k: (nil, nil, nil, nil, .atMost(.seconds(0.1), "≤ 100 ms"))
        case .none: (nil, nil, nil, nil, nil)
        }
    }

    private func speed() -> ComparisonTable {
        typealias Row = ComparisonTable.Row
        let g = guideqa, f = fts5
        let mb = Double(textBytes) / 1e6
        var t = ComparisonTable(title: "Speed and size", showsFTS5: f != nil)
        t.rows.append(Row(name: "index build", guideqa: .seconds(g.buildSeconds), fts5: f.map { .seconds($0.buildSeconds) },
                          bar: bars.build))
        t.rows.append(Row(name: "index build throughput", guideqa: .megabytesPerSecond(mb / g.buildSeconds),
                          fts5: f.map { .megabytesPerSecond(mb / $0.buildSeconds) }))
        t.rows.append(Row(name: "index size in memory (heap)", guideqa: g.indexHeapBytes.map { .bytes($0) },
                          fts5: f?.indexHeapBytes.map { .bytes($0) }))
        t.rows.append(Row(name: "index size stored (file)", guideqa: g.storedIndexBytes.map { .bytes($0) },
                          fts5: f?.storedIndexBytes.map { .bytes($0) }, guideqaNote: "(not measured)"))
        t.rows.append(Row(name: "index file load in process (median)", guideqa: g.storedIndexLoadSeconds.map { .seconds($0) },
                          fts5: nil, guideqaNote: "(not measured)"))
        t.rows.append(Row(name: "cold start → first answer (median)", guideqa: median(g.coldStarts.map(\.firstOutput)),
                          fts5: median(f?.coldStarts.map(\.firstOutput) ?? [])))
        t.rows.append(Row(name: "REPL ready from the index file (median)",
                          guideqa: median(g.indexReplStarts.map(\.exit)), fts5: nil, bar: bars.coldIndex))
        t.rows.append(Row(name: "cold start from the index file → first answer",
                          guideqa: median(g.indexColdStarts.map(\.firstOutput)), fts5: nil))
        t.rows.append(Row(name: "cold start from the index file peak RSS", guideqa: peak(g.indexColdStarts), fts5: nil))
        t.rows.append(Row(name: "cold start peak RSS (process)", guideqa: peak(g.coldStarts),
                          fts5: peak(f?.coldStarts ?? []), bar: bars.memory))
        // As answered: guideqa ranks the passages past its no-answer floor.
        t.rows.append(Row(name: "query p50", guideqa: g.latency.map { .seconds($0.p50) },
                          fts5: f?.latency.map { .seconds($0.p50) }, bar: bars.p50))
        t.rows.append(Row(name: "query p99", guideqa: g.latency.map { .seconds($0.p99) },
                          fts5: f?.latency.map { .seconds($0.p99) }, bar: bars.p99))
        t.rows.append(Row(name: "query max", guideqa: g.latency.map { .seconds($0.max) },
                          fts5: f?.latency.map { .seconds($0.max) }))
        t.rows.append(Row(name: "queries per second (1 thread)", guideqa: g.latency.map { .perSecond($0.queriesPerSecond) },
                          fts5: f?.latency.map { .perSecond($0.queriesPerSecond) }))
        // Every passage that matches a word ranked, no floor: the work FTS5's OR query does.
        t.rows.append(Row(name: "query p50, every match ranked", guideqa: g.everyMatchLatency.map { .seconds($0.p50) },
                          fts5: f?.latency.map { .seconds($0.p50) }, bar: bars.p50))
        t.rows.append(Row(name: "query p99, every match ranked", guideqa: g.everyMatchLatency.map { .seconds($0.p99) },
                          fts5: f?.latency.map { .seconds($0.p99) }, bar: bars.p99))
        t.rows.append(Row(name: "peak RSS, build + queries in bench", guideqa: g.phasePeakResident.map { .bytes($0) },
                          fts5: f?.phasePeakResident.map { .bytes($0) }, bar: bars.memory))
        if let resident = residentWithCorpus {
            t.rows.append(Row(name: "  of which the loaded corpus (RSS before)", guideqa: .bytes(resident),
                              fts5: f == nil ? nil : .bytes(resident)))
        }
        return t
    }

    private func quality() -> ComparisonTable? {
        guard let q = guideqa.quality else { return nil }
        typealias Row = ComparisonTable.Row
        let f = fts5?.quality
        var t = ComparisonTable(title: "Retrieval quality (\(q.judged) judged questions)", showsFTS5: fts5 != nil)
        t.rows.append(Row(name: "MRR@10", guideqa: .score(q.mrr10), fts5: f.map { .score($0.mrr10) }))
        t.rows.append(Row(name: "Recall@1", guideqa: .score(q.recall1), fts5: f.map { .score($0.recall1) }))
        t.rows.append(Row(name: "Success@1 (top passage relevant)", guideqa: .score(q.success1),
                          fts5: f.map { .score($0.success1) }))
        t.rows.append(Row(name: "Recall@10", guideqa: .score(q.recall10), fts5: f.map { .score($0.recall10) }))
        t.rows.append(Row(name: "nDCG@10", guideqa: .score(q.ndcg10), fts5: f.map { .score($0.ndcg10) }))
        if let e = guideqa.everyMatchQuality {
            t.rows.append(Row(name: "MRR@10, every match ranked", guideqa: .score(e.mrr10), fts5: f.map { .score($0.mrr10) }))
            t.rows.append(Row(name: "Recall@10, every match ranked", guideqa: .score(e.recall10),
                              fts5: f.map { .score($0.recall10) }))
        }
        return t
    }

    private func whereTimeGoes() -> ComparisonTable {
        typealias Row = ComparisonTable.Row
        let b = breakdown
        var t = ComparisonTable(title: "Where guideqa's time goes", showsFTS5: false)
        t.rows.append(Row(name: "corpus load (parse + validate, shared)", guideqa: .seconds(loadSeconds), fts5: nil))
        t.rows.append(Row(name: "index build", guideqa: .seconds(guideqa.buildSeconds), fts5: nil))
        t.rows.append(Row(name: "  text analysis alone (fresh analyzer)", guideqa: .seconds(b.analysisSeconds), fts5: nil))
        if let latency = guideqa.latency {
            t.rows.append(Row(name: "query mean (plan + rank)", guideqa: .seconds(latency.mean), fts5: nil))
        }
        if let plan = b.plan, let rank = b.rank {
            t.rows.append(Row(name: "  plan p50", guideqa: .seconds(plan.p50), fts5: nil))
            t.rows.append(Row(name: "  plan mean", guideqa: .seconds(plan.mean), fts5: nil))
            t.rows.append(Row(name: "  rank p50", guideqa: .seconds(rank.p50), fts5: nil))
            t.rows.append(Row(name: "  rank mean", guideqa: .seconds(rank.mean), fts5: nil))
            t.rows.append(Row(name: "terms per plan (mean)", guideqa: .count(b.meanPlanTerms), fts5: nil))
            t.rows.append(Row(name: "postings walked per query (mean)", guideqa: .count(b.meanPostings), fts5: nil))
            if b.meanPostings > 0 {
                t.rows.append(Row(name: "rank time per posting (mean)", guideqa: .seconds(rank.mean / b.meanPostings),
                                  fts5: nil))
            }
        }
        return t
    }

    /// Each feature's p50 and p99 beside the plain query's, and the 2× bar.
    private func featureCosts() -> String {
        let plain = features.rows.first?.latency
        func ratio(_ l: LatencySummary?, _ base: LatencySummary?) -> String {
            guard let l, let base, base.p50 > 0 else { return "—" }
            return String(format: "%.2f×", l.p50 / base.p50)
        }
        func verdict(_ l: LatencySummary?, _ base: LatencySummary?) -> String {
            guard let l, let base, base.p50 > 0 else { return "" }
            return "≤ 2×  " + (l.p50 <= 2 * base.p50 ? "✓" : "✗")
        }
        var rows = features.rows.map { row in
            [row.name, row.latency.map { Figure.seconds($0.p50).text } ?? "—",
             row.latency.map { Figure.seconds($0.p99).text } ?? "—", ratio(row.latency, plain),
             row.barred ? verdict(row.latency, plain) : ""]
        }
        if let context = features.context {
            rows.append(["follow-up turns asked alone (\(context.turns))",
                         context.alone.map { Figure.seconds($0.p50).text } ?? "—",
                         context.alone.map { Figure.seconds($0.p99).text } ?? "—", "", ""])
            rows.append(["the same turns with their context", context.withContext.map { Figure.seconds($0.p50).text } ?? "—",
                         context.withContext.map { Figure.seconds($0.p99).text } ?? "—",
                         ratio(context.withContext, context.alone) + " (to alone)",
                         verdict(context.withContext, context.alone)])
        }
        return "### What each query feature costs (guideqa, plan + rank, top 10 as answered)\n\n"
            + MarkdownTable(header: ["query", "p50", "p99", "p50 / plain", "bar"], rows: rows).render()
    }

    private func median(_ values: [Double]) -> Figure? {
        guard !values.isEmpty else { return nil }
        return .seconds(values.sorted()[(values.count - 1) / 2])
    }

    private func peak(_ runs: [ColdStart.Run]) -> Figure? {
        runs.map(\.peakResident).max().map { .bytes($0) }
    }
}
