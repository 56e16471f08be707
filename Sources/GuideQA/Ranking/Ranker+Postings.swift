/// Walking posting lists: whole (the terms that decide) or only at the candidates
/// (the terms MaxScore skipped, and intent expansions).
extension Ranker {
    /// Adds one own term's scores in one field, and credits its idf mass to each matching
    /// passage's coverage once (body and heading alike).
    func accumulate<S: Scorer>(_ unit: Unit, _ scorer: S, _ buffers: inout RankBuffers) {
        let field = unit.heading ? index.heading : index.body
        let norms = unit.heading ? headingNorms : bodyNorms
        let generation = buffers.generation
        let weight = unit.weight, mask = unit.mask, hit = unit.hit
        var touched = buffers.touched
        buffers.touched = []
        touched.reserveCapacity(touched.count + unit.postings.count)
        var best = buffers.best
        field.postingPassages.withUnsafeBufferPointer { passages in
            field.postingFrequencies.withUnsafeBufferPointer { frequencies in
                norms.withUnsafeBufferPointer { norms in
                    buffers.slots.withUnsafeMutableBufferPointer { slots in
                        buffers.mark.withUnsafeMutableBufferPointer { mark in
                            for p in unit.postings {
                                let passage = Int(passages[p])
                                if mark[passage] != generation {
                                    mark[passage] = generation
                                    touched.append(passages[p])
                                }
                                slots[passage].bits |= mask
                                slots[passage].hits |= hit
                                let score = slots[passage].score + scorer.score(frequency: Double(frequencies[p]),
                                                                                weight: weight, norm: norms[passage])
                                slots[passage].score = score
                                best = max(best, score)
                            }
                        }
                    }
                }
            }
        }
        buffers.touched = touched
        buffers.best = best
    }

    /// Adds an own term's scores to the candidates (ascending) only: its postings are not walked.
    func scoreCandidates<S: Scorer>(_ unit: Unit, _ candidates: [Int32], _ scorer: S, _ buffers: inout RankBuffers) {
        let field = unit.heading ? index.heading : index.body
        score(candidates, in: field, unit.postings, norms: unit.heading ? headingNorms : bodyNorms, scorer,
              weight: unit.weight, mask: unit.mask, hit: unit.hit, expansion: false, &buffers)
    }

    /// Adds an expansion term's body score to the candidates (ascending) that contain it.
    func scoreExpansion<S: Scorer>(_ term: ResolvedTerms.Term, hit: UInt64, _ candidates: [Int32], _ scorer: S,
                                   _ buffers: inout RankBuffers) {
        let field = index.body
        guard let id = term.bodyID, !candidates.isEmpty else { return }
        let range = field.postingRange(id)
        let idf = scorer.idf(documentFrequency: range.count, passageCount: field.passageCount)
        let weight = scorer.termWeight(idf: idf) * term.weight
        score(candidates, in: field, range, norms: bodyNorms, scorer, weight: weight, mask: 0, hit: hit,
              expansion: true, &buffers)
    }

    /// Looks each candidate up in one posting list (galloping forward, both ascending) and
    /// adds its score to the passage's own score, or to its expansion score.
    private func score<S: Scorer>(_ candidates: [Int32], in field: FieldIndex, _ postings: Range<Int>, norms: [Double],
                                  _ scorer: S, weight: Double, mask: UInt64, hit: UInt64, expansion: Bool,
                                  _ buffers: inout RankBuffers) {
        candidates.withUnsafeBufferPointer { candidates in
            field.postingPassages.withUnsafeBufferPointer { passages in
                field.postingFrequencies.withUnsafeBufferPointer { frequencies in
                    norms.withUnsafeBufferPointer { norms in
                        buffers.slots.withUnsafeMutableBufferPointer { slots in
                            var cursor = postings.lowerBound
                            for candidate in candidates {
                                cursor = Self.gallop(passages, from: cursor, to: postings.upperBound, for: candidate)
                                guard cursor < postings.upperBound else { return }
                                guard passages[cursor] == candidate else { continue }
                                let p = Int(candidate)
                                let value = scorer.score(frequency: Double(frequencies[cursor]), weight: weight, norm: norms[p])
                                slots[p].bits |= mask
                                slots[p].hits |= hit
                                if expansion { slots[p].expansion += value } else { slots[p].score += value }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The first index in `from..<to` whose passage is ≥ `target` (exponential, then binary search).
    static func gallop(_ passages: UnsafeBufferPointer<Int32>, from: Int, to: Int, for target: Int32) -> Int {
        var low = from
        var step = 1
        var high = from
        while high < to && passages[high] < target {
            low = high + 1
            high = from + step
            step <<= 1
        }
        high = min(high, to)
        while low < high {
            let mid = (low + high) / 2
            if passages[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
