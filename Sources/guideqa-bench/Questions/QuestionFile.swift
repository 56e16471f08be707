import Foundation

/// One benchmark question: the text asked, and the passages judged to answer it
/// (empty when the file has no judgments).
struct BenchQuestion: Sendable {
    let text: String
    let relevant: Set<String>
}

/// Reads a question file: JSONL, one object a line with `question` (a string) and
/// optionally `relevant` (an array of passage ids), as in `queries-dev.jsonl` and
/// the files `guideqa-bench synth` writes. Other fields are ignored.
enum QuestionFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func load(path: String, limit: Int?) throws(Failure) -> [BenchQuestion] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path): no such question file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): cannot be read")
        }
        var questions: [BenchQuestion] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if let limit, questions.count >= limit { break }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw Failure(description: "\(path):\(lineNumber): not a JSON object")
            }
            guard let text = object["question"] as? String else {
                throw Failure(description: "\(path):\(lineNumber): no string field \"question\"")
            }
            let relevant = (object["relevant"] as? [String]) ?? []
            questions.append(BenchQuestion(text: text, relevant: Set(relevant)))
        }
        if questions.isEmpty { throw Failure(description: "\(path): no questions") }
        return questions
    }
}
