/// Why a check script cannot be run (or rewritten), with its file and line and what
/// to do about it.
///
/// A malformed script is a different outcome from a failing check: the CLI exits 2
/// for these, 1 for failed expectations. `description` is the one-line message printed.
public struct CheckScriptError: LocatedError, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case notFound
        case unreadable(String)
        case noScripts
        case notQAFile
        case containsNUL
        case invalidUTF8
        case noQuestions
        case emptyConversation(String)
        case emptyQuestion
        case unknownDirective(String)
        case expectationBeforeQuestion(String)
        case expectationAfterMetaCommand(String)
        case unsupportedMetaCommand(String)
        case missingValue(String)
        case unexpectedValue(String)
        case badCount(String)
        case badPassageReference(String)
        case writeFailed(String)
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
            return "no such file or folder; pass check scripts (*.qa) or folders that hold them"
        case .unreadable(let reason):
            return "cannot be read (\(reason)); check its permissions"
        case .noScripts:
            return "folder holds no check scripts (*.qa); add one or pass the scripts themselves"
        case .notQAFile:
            return "is not a check script (its name does not end in .qa); rename it or pass a .qa file"
        case .containsNUL:
            return "contains a NUL byte, so it is not a text file; remove it or re-save the script as UTF-8 text"
        case .invalidUTF8:
            return "is not valid UTF-8; re-save the script as UTF-8"
        case .noQuestions:
            return "script asks no questions; add a line '> your question' followed by its expectations"
        case .emptyConversation(let name):
            return "conversation '\(name)' asks no questions; add a '> question' line after it or remove it"
        case .emptyQuestion:
            return "'>' is not followed by a question; write the question after '> ' or remove the line"
        case .unknownDirective(let text):
            return "unknown directive '\(text)'; expected '> question', 'conversation: name', 'rank N: passage', "
                + "'top N: passage', 'contains: text', 'not contains: text', 'cites: reference', 'no answer', "
                + "or a '#' comment"
        case .expectationBeforeQuestion(let text):
            return "expectation '\(text)' comes before any question; put it under the '> question' it checks"
        case .expectationAfterMetaCommand(let text):
            return "expectation '\(text)' follows a meta-command, which has no answer; put it under a '> question'"
        case .unsupportedMetaCommand(let command):
            return "meta-command '\(command)' is not supported in check scripts; only ':reset' is "
                + "(or start a new 'conversation:')"
        case .missingValue(let directive):
            return "'\(directive):' needs a value; write it after the colon"
        case .unexpectedValue(let directive):
            return "'\(directive)' takes no value; write it alone on its line"
        case .badCount(let directive):
            return "'\(directive)' needs a whole number from 1 to 1000, as in 'rank 1:' or 'top 3:'"
        case .badPassageReference(let text):
            return "'\(text)' is not a passage reference; write a passage id, or 'document › section' "
                + "(or 'document > section')"
        case .writeFailed(let reason):
            return "cannot be rewritten (\(reason)); check the folder's permissions"
        }
    }
}
