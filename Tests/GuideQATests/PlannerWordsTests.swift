import Testing
@testable import GuideQA

/// The planner reads a question's first words (for "What is …" and "And in adults?")
/// and whether a term is a number; ASCII text takes a byte path, which must agree with
/// the Character rules the other text goes through.
@Suite struct PlannerWordsTests {
    /// The Character rules, as the planner applied them to every question before.
    private func reference(_ question: String, first limit: Int = .max) -> [String] {
        Array(question.replacingOccurrences(of: "\u{2019}", with: "'").lowercased()
            .split(whereSeparator: { !($0.isLetter || $0 == "'") }).map(String.init).prefix(limit))
    }

    @Test func asciiWordsAgreeWithTheCharacterRules() {
        var questions = ["What is HLH?", "  what's   the DOSE of IL-18 in sJIA?", "And in adults?", "",
                         "...", "It's [treated] {how}? @home `now` ~x^y_z", "A", "don't stop", "o'clock's 4pm"]
        // Random ASCII, every byte value below 128 (controls included).
        var state: UInt64 = 7
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(state % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8((state >> 33) % 128))
            }
            questions.append(String(decoding: bytes, as: UTF8.self))
        }
        for question in questions {
            #expect(QueryPlanner.words(question) == reference(question), "\(question.debugDescription)")
            #expect(QueryPlanner.words(question, first: 2) == reference(question, first: 2), "\(question.debugDescription)")
        }
        // Other text keeps the Character rules: Unicode letters, the typographic apostrophe.
        #expect(QueryPlanner.words("Qu’est-ce que la fièvre?") == ["qu'est", "ce", "que", "la", "fièvre"])
    }

    @Test func numbersAreDigitsAndPoints() {
        for term in ["4", "2.5", "10.000", "."] { #expect(QueryPlanner.isNumeric(term), "\(term)") }
        for term in ["il18", "4a", "x", "2,5", "grade"] { #expect(!QueryPlanner.isNumeric(term), "\(term)") }
        #expect(QueryPlanner.isNumeric("٣"))   // an Arabic-Indic digit is a number too
        #expect(!QueryPlanner.isNumeric("fièvre"))
    }
}
