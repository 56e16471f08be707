/// Renumbers citations across an answer by first appearance: the first reference
/// cited by the first passage becomes [1], the next new one [2], and so on, so the
/// reference list reads in the order the clinician meets the numbers.
struct CitationNumbering {
    private(set) var order: [Int] = []          // corpus reference indices, by new number - 1
    private var numbers: [Int: Int] = [:]

    /// The answer-wide numbers for one passage's citations (corpus reference indices).
    mutating func number(_ citations: [Int]) -> [Int] {
        citations.map { reference in
            if let existing = numbers[reference] { return existing }
            order.append(reference)
            numbers[reference] = order.count
            return order.count
        }
    }
}
