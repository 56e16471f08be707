/// Why a corpus could not be loaded, with the place and what to do about it.
///
/// Loading stops at the first error: a corpus that is only partly valid is never
/// answered from. `description` is the one-line message the CLI prints.
public struct CorpusError: LocatedError, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case notFound
        case unreadable(String)
        case noDocuments
        case invalidUTF8
        case containsNUL
        case emptyFile
        case unterminatedHeader
        case missingHeader
        case missingHeaderKey(String)
        case badHeaderLine(String)
        case passageWithoutCitation
        case passageOutsideSection
        case citationWithoutReference(Int)
        case referenceNeverCited(Int)
        case badReferenceLine
        case referenceOutOfOrder(expected: Int, found: Int)
        case duplicatePassageID(String, first: SourceLocation)
        case duplicateDocument(String, first: String)
        case invalidJSON(String)
        case missingField(String)
        case wrongType(field: String, expected: String)
        case emptyField(String)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The message without the location: what is wrong, then what to do.
    public var message: String {
        switch kind {
        case .notFound:
            return "no such file or folder; pass --corpus a folder of .md guideline documents or a .jsonl file"
        case .unreadable(let reason):
            return "cannot be read (\(reason)); check its permissions"
        case .noDocuments:
            return "holds no guideline documents (*.md or *.jsonl); add one or point --corpus elsewhere"
        case .invalidUTF8:
            return "is not valid UTF-8; re-save the file as UTF-8"
        case .containsNUL:
            return "contains a NUL byte, so it is not a text file; remove it or re-save the file as UTF-8 text"
        case .emptyFile:
            return "is empty; add a header and passages, or remove the file"
        case .unterminatedHeader:
            return "header opened with '---' is never closed; add a line '---' after its last 'key: value' line"
        case .missingHeader:
            return "must start with a header ('---', 'title: …', 'updated: YYYY-MM-DD', '---')"
        case .missingHeaderKey(let key):
            return "header has no '\(key):' line; add one"
        case .badHeaderLine(let line):
            return "header line '\(line)' is not 'key: value'"
        case .passageWithoutCitation:
            return "passage has no citation; end it with a marker such as [1] naming its reference"
        case .passageOutsideSection:
            return "passage stands before any '## ' heading; put it under a section heading"
        case .citationWithoutReference(let n):
            return "citation [\(n)] has no reference \(n); add it to the References list or fix the number"
        case .referenceNeverCited(let n):
            return "reference \(n) is never cited; cite it from a passage or remove it"
        case .badReferenceLine:
            return "line in References is not a numbered reference ('1. Authors. Title. Journal. Year.')"
        case .referenceOutOfOrder(let expected, let found):
            return "reference numbered \(found) where \(expected) was expected; number references 1, 2, 3, … in order"
        case .duplicatePassageID(let id, let first):
            return "duplicate passage id '\(id)' (first at \(first)); give each passage a unique id"
        case .duplicateDocument(let id, let first):
            return "document '\(id)' has the same content as \(first); remove one of the two files"
        case .invalidJSON(let detail):
            return "line is not a valid JSON object (\(detail)); one passage per line: {\"id\",\"title\",\"text\",\"source\"}"
        case .missingField(let field):
            return "passage has no \"\(field)\" field; add it"
        case .wrongType(let field, let expected):
            return "field \"\(field)\" must be \(expected)"
        case .emptyField(let field):
            return "field \"\(field)\" is empty; give it a value"
        }
    }
}
