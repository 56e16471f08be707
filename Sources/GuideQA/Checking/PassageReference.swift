import Foundation

/// How a script names a passage: by its id, or by its document and section.
///
/// - `hscore/interpreting-the-hscore/2`: one passage, by id (no spaces around `›`/`>`).
/// - `hscore › Interpreting the HScore` (or `hscore > Interpreting the HScore`): any
///   passage of that section. The document is its id (file name) or its title; the
///   section is the last heading, or several trailing headings of the path. Names are
///   compared ignoring case and runs of whitespace. Section references survive edits
///   that renumber passages, which ids do not.
public struct PassageReference: Sendable, Hashable, CustomStringConvertible {
    public enum Form: Sendable, Hashable {
        case id(String)
        case section(document: String, path: [String])
    }

    public var form: Form
    /// The separator the script used (`›` or `>`), reused when `--update` rewrites it.
    public var separator: String

    public init(_ form: Form, separator: String = "›") {
        self.form = form
        self.separator = separator
    }

    /// Parses a reference; nil when a document/section reference has an empty part.
    public init?(parsing text: String) {
        // Ids never hold "›", so it separates wherever it is; ">" only with spaces around it.
        for (separator, pattern) in [("›", "›"), (">", " > ")] {
            let padded = separator == ">" ? " " + text + " " : text
            let parts = padded.split(separator: pattern, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2 else { continue }
            guard !parts.contains(where: \.isEmpty) else { return nil }
            self.init(.section(document: parts[0], path: Array(parts.dropFirst())), separator: separator)
            return
        }
        let id = text.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { return nil }
        self.init(.id(id))
    }

    public var description: String {
        switch form {
        case .id(let id): return id
        case .section(let document, let path): return ([document] + path).joined(separator: " \(separator) ")
        }
    }

    /// Whether a passage (described by its id, document and heading path) is one this names.
    public func matches(id: String, documentID: String, documentTitle: String, section: [String]) -> Bool {
        switch form {
        case .id(let wanted):
            return id == wanted
        case .section(let document, let path):
            let doc = TextMatch.fold(document)
            guard doc == TextMatch.fold(documentID) || doc == TextMatch.fold(documentTitle),
                  section.count >= path.count else { return false }
            return zip(section.suffix(path.count), path).allSatisfy { TextMatch.fold($0) == TextMatch.fold($1) }
        }
    }
}

/// The one rule for comparing script text with corpus text: case and runs of
/// whitespace do not matter, everything else does (a hand-written expectation should
/// not fail because a line was re-wrapped or a word capitalised).
enum TextMatch {
    static func fold(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func contains(_ haystack: String, _ needle: String) -> Bool {
        fold(haystack).contains(fold(needle))
    }
}
