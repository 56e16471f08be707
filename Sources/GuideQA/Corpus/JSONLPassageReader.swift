import Foundation

/// Reads a JSONL corpus: one passage per line, `{"id","title","text","source"}`.
///
/// `source` is the passage's single reference. Blank lines are skipped; anything
/// else that is not a JSON object with string fields stops loading at that line.
struct JSONLPassageReader {
    let file: String

    func read(_ text: String, into builder: inout CorpusBuilder) throws(CorpusError) {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let location = SourceLocation(file: file, line: lineNumber)
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw CorpusError(.invalidJSON("not an object"), at: location)
                }
                object = parsed
            } catch let error as CorpusError {
                throw error
            } catch {
                throw CorpusError(.invalidJSON(Self.shortReason(error)), at: location)
            }
            let id = try field("id", in: object, at: location)
            let text = try field("text", in: object, at: location)
            let source = try field("source", in: object, at: location)
            let title = try object["title"] == nil ? id : field("title", in: object, at: location)
            try builder.addPassage(id: id, title: title, text: text, source: source, location: location)
        }
    }

    private func field(_ name: String, in object: [String: Any], at location: SourceLocation) throws(CorpusError) -> String {
        guard let value = object[name] else { throw CorpusError(.missingField(name), at: location) }
        guard let string = value as? String else {
            throw CorpusError(.wrongType(field: name, expected: "a string"), at: location)
        }
        guard !string.allSatisfy(\.isWhitespace) else { throw CorpusError(.emptyField(name), at: location) }
        return string
    }

    private static func shortReason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "malformed or truncated"
        return String(text.prefix(80))
    }
}
