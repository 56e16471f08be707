import Foundation

/// Questions with known answers, in the format of `../shared/eval/`:
/// `queries-dev.jsonl` lines `{"id","question","relevant":[ids],"question_synonym"?}`,
/// `conversations-dev.jsonl` lines `{"id","turns":[{"question","resolved","relevant"}]}`.
public struct EvaluationQuery: Sendable {
    public var id: String
    public var question: String
    public var synonymQuestion: String?
    public var relevant: Set<String>
}

public struct EvaluationConversation: Sendable {
    public struct Turn: Sendable {
        public var question: String
        public var resolved: String
        public var relevant: Set<String>
    }
    public var id: String
    public var turns: [Turn]
}

public enum EvaluationSet {
    public static func queries(path: String) throws(CorpusError) -> [EvaluationQuery] {
        try objects(path).map { object, location throws(CorpusError) in
            EvaluationQuery(id: object["id"] as? String ?? "\(location.line)",
                            question: try string("question", object, location),
                            synonymQuestion: object["question_synonym"] as? String,
                            relevant: try ids("relevant", object, location))
        }
    }

    public static func conversations(path: String) throws(CorpusError) -> [EvaluationConversation] {
        try objects(path).map { object, location throws(CorpusError) in
            guard let turns = object["turns"] as? [[String: Any]] else {
                throw CorpusError(.missingField("turns"), at: location)
            }
            var parsed: [EvaluationConversation.Turn] = []
            for turn in turns {
                let question = try string("question", turn, location)
                parsed.append(.init(question: question, resolved: turn["resolved"] as? String ?? question,
                                    relevant: try ids("relevant", turn, location)))
            }
            return EvaluationConversation(id: object["id"] as? String ?? "\(location.line)", turns: parsed)
        }
    }

    private static func objects(_ path: String) throws(CorpusError) -> [([String: Any], SourceLocation)] {
        let text = try TextFile.read(path, display: path)
        var result: [([String: Any], SourceLocation)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            let location = SourceLocation(file: path, line: i + 1)
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw CorpusError(.invalidJSON("not a JSON object"), at: location)
            }
            result.append((object, location))
        }
        return result
    }

    private static func string(_ key: String, _ object: [String: Any], _ location: SourceLocation) throws(CorpusError) -> String {
        guard let value = object[key] else { throw CorpusError(.missingField(key), at: location) }
        guard let string = value as? String else { throw CorpusError(.wrongType(field: key, expected: "a string"), at: location) }
        return string
    }

    private static func ids(_ key: String, _ object: [String: Any], _ location: SourceLocation) throws(CorpusError) -> Set<String> {
        guard let value = object[key] else { throw CorpusError(.missingField(key), at: location) }
        guard let list = value as? [String] else {
            throw CorpusError(.wrongType(field: key, expected: "an array of passage ids"), at: location)
        }
        return Set(list)
    }
}
