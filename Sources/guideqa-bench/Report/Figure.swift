import Foundation

/// One measured value with its kind, so each cell is printed in a unit that suits it
/// (20 µs and 30 ms in the same column) and two figures of a kind can be divided.
enum Figure: Sendable {
    case seconds(Double)
    case bytes(Int)
    case megabytesPerSecond(Double)
    case perSecond(Double)
    case score(Double)
    case count(Double)

    var value: Double {
        switch self {
        case .seconds(let v), .megabytesPerSecond(let v), .perSecond(let v), .score(let v), .count(let v): v
        case .bytes(let v): Double(v)
        }
    }

    var text: String {
        switch self {
        case .seconds(let s):
            if s < 1e-6 { return String(format: "%.1f ns", s * 1e9) }
            if s < 1e-3 { return String(format: "%.1f µs", s * 1e6) }
            if s < 1 { return String(format: "%.2f ms", s * 1e3) }
            return String(format: "%.2f s", s)
        case .bytes(let b):
            let mb = Double(b) / 1e6
            return mb >= 1000 ? String(format: "%.2f GB", mb / 1000) : String(format: "%.1f MB", mb)
        case .megabytesPerSecond(let v): return String(format: "%.1f MB/s", v)
        case .perSecond(let v): return v >= 100 ? String(format: "%.0f /s", v) : String(format: "%.1f /s", v)
        case .score(let v): return String(format: "%.3f", v)
        case .count(let v): return v == v.rounded() ? String(format: "%.0f", v) : String(format: "%.1f", v)
        }
    }
}

/// A target from the bar, checked against the guideqa figure of its row.
struct Bar: Sendable {
    let text: String
    let isMet: @Sendable (Double) -> Bool

    /// `text` is how the issue writes the limit ("≤ 0.5 ms").
    static func atMost(_ limit: Figure, _ text: String) -> Bar {
        let value = limit.value
        return Bar(text: text) { $0 <= value }
    }

    func verdict(_ figure: Figure?) -> String {
        guard let figure else { return text }
        return text + (isMet(figure.value) ? "  ✓" : "  ✗")
    }
}
