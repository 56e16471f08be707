import Foundation

/// Okapi BM25 (Robertson et al., "Okapi at TREC-3", 1994), with Lucene's idf, which
/// never goes negative:
///
///     score(t, p) = idf(t) · tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / avgLength))
///     idf(t)      = ln(1 + (N − df + 0.5) / (df + 0.5))
///
/// k1 bounds how much repeating a term can add; b sets how strongly long passages are
/// penalized (0: not at all, 1: fully in proportion to length).
public struct BM25Scorer: Scorer {
    public let k1: Double
    public let b: Double

    /// The defaults of Lucene, FTS5, Tantivy and the peer table in the README.
    public static let defaultK1 = 1.2
    public static let defaultB = 0.75

    public enum ParameterError: Error, Equatable, CustomStringConvertible {
        case k1(Double)
        case b(Double)
        public var description: String {
            switch self {
            case .k1(let v): return "illegal k1 value: \(v), must be a finite number from 0 to 10"
            case .b(let v): return "illegal b value: \(v), must be between 0 and 1"
            }
        }
    }

    public init(k1: Double = BM25Scorer.defaultK1, b: Double = BM25Scorer.defaultB) throws(ParameterError) {
        guard k1.isFinite, k1 >= 0, k1 <= 10 else { throw .k1(k1) }
        guard b.isFinite, b >= 0, b <= 1 else { throw .b(b) }
        self.k1 = k1
        self.b = b
    }

    /// BM25 with k1 = 1.2, b = 0.75.
    public static let standard = BM25Scorer(uncheckedK1: defaultK1, b: defaultB)

    private init(uncheckedK1 k1: Double, b: Double) {
        self.k1 = k1
        self.b = b
    }

    public func idf(documentFrequency: Int, passageCount: Int) -> Double {
        log(1 + (Double(passageCount - documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
    }

    public func termWeight(idf: Double) -> Double { idf * (k1 + 1) }

    public func lengthNorm(length: Int, averageLength: Double) -> Double {
        k1 * (1 - b + b * Double(length) / max(averageLength, 1e-9))
    }

    @inline(__always)
    public func score(frequency: Double, weight: Double, norm: Double) -> Double {
        weight * frequency / (frequency + norm)
    }

    /// tf / (tf + norm) < 1, so a posting scores less than its term's weight.
    public func upperBound(weight: Double) -> Double? { weight }

    public var formula: String { "idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / avgLength))" }
    public var idfFormula: String { "ln(1 + (N − df + 0.5) / (df + 0.5))" }
    public var description: String { "BM25(k1=\(k1),b=\(b))" }
}
