/// Why a passage scored what it did: a tree of values, each with the formula or
/// fact that produced it (like Lucene's `explain`). Drives `:why` and tests.
public struct Explanation: Sendable, Codable, Equatable {
    public var value: Double
    public var label: String
    public var details: [Explanation]

    public init(_ value: Double, _ label: String, _ details: [Explanation] = []) {
        self.value = value
        self.label = label
        self.details = details
    }

    /// Indented lines, one per node.
    public func lines(indent: Int = 0) -> [String] {
        let number = value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format4(value))
        return [String(repeating: "  ", count: indent) + "\(number) = \(label)"]
            + details.flatMap { $0.lines(indent: indent + 1) }
    }

    private func format4(_ v: Double) -> String {
        let scaled = (v * 10_000).rounded() / 10_000
        return "\(scaled)"
    }
}
