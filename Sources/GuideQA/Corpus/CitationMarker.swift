/// The citation markers that end a passage: `[1]`, `[1, 3]`, `[2–4]`, or several
/// groups in a row (`[1][3]`).
enum CitationMarker {
    /// Splits a passage into its text and its cited numbers (in order, without repeats).
    /// Returns no citations when the passage does not end with a marker.
    static func split(_ passage: String) -> (text: String, citations: [Int]) {
        var rest = Substring(passage).trimmingBlanks()
        var groups: [[Int]] = []
        while rest.hasSuffix("]"), let open = rest.lastIndex(of: "[") {
            let inside = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            guard let numbers = parseGroup(inside) else { break }
            groups.insert(numbers, at: 0)
            rest = rest[..<open].trimmingBlanks()
        }
        var seen = Set<Int>()
        let citations = groups.flatMap { $0 }.filter { seen.insert($0).inserted }
        return (String(rest), citations)
    }

    /// "1, 3" → [1, 3]; "2-4" or "2–4" → [2, 3, 4]; anything else → nil.
    private static func parseGroup(_ inside: Substring) -> [Int]? {
        var numbers: [Int] = []
        for part in inside.split(separator: ",") {
            let item = part.trimmingBlanks()
            let bounds = item.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingBlanks() }
            guard !bounds.isEmpty, bounds.count <= 2,
                  bounds.allSatisfy({ !$0.isEmpty && $0.count < 5 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { return nil }
            let values = bounds.compactMap { Int($0) }
            guard let low = values.first, let high = values.last, low >= 1, low <= high, high - low < 50 else {
                return nil
            }
            numbers.append(contentsOf: low...high)
        }
        return numbers.isEmpty ? nil : numbers
    }
}
