import Foundation
import GuideQA

/// The REPL's commands, as one table: `:help` is generated from it, completion reads
/// its names, and an unknown command is matched against it.
struct MetaCommand: Sendable {
    let name: String
    let aliases: [String]
    let usage: String
    let help: String
    let run: @Sendable (inout ReplSession, [String]) -> ReplSession.Outcome

    static let all: [MetaCommand] = [
        MetaCommand(name: ":help", aliases: [":h", ":?"], usage: ":help", help: "List these commands.") { session, _ in
            session.say(helpText)
            return .next
        },
        MetaCommand(name: ":cite", aliases: [], usage: ":cite N",
                    help: "Reference N of the last answer in full, and the passages that cite it.") { session, args in
            session.cite(args)
            return .next
        },
        MetaCommand(name: ":refs", aliases: [], usage: ":refs", help: "The last answer's reference list again.") { session, _ in
            session.references()
            return .next
        },
        MetaCommand(name: ":more", aliases: [], usage: ":more", help: "The next passages for the last question.") { session, _ in
            session.more()
            return .next
        },
        MetaCommand(name: ":why", aliases: [], usage: ":why N",
                    help: "Why passage N ranked where it did: terms, frequencies, idf, length norm, score.") { session, args in
            session.why(args)
            return .next
        },
        MetaCommand(name: ":sources", aliases: [], usage: ":sources",
                    help: "The corpus's documents, with passage counts and last-updated dates.") { session, _ in
            session.sources()
            return .next
        },
        MetaCommand(name: ":history", aliases: [], usage: ":history", help: "The questions of this conversation.") { session, _ in
            session.history()
            return .next
        },
        MetaCommand(name: ":reset", aliases: [":new"], usage: ":reset",
                    help: "Start a new conversation: drop the follow-up context.") { session, _ in
            session.conversation = Conversation()
            session.lastAnswer = nil
            session.shownItems = []
            session.say("(new conversation)")
            return .next
        },
        MetaCommand(name: ":quit", aliases: [":q", ":exit"], usage: ":quit", help: "End the session.") { _, _ in .quit },
    ]

    static var helpText: String {
        let width = all.map(\.usage.count).max() ?? 0
        let rows = all.map { command in
            let aliases = command.aliases.isEmpty ? "" : " (also \(command.aliases.joined(separator: ", ")))"
            return "  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.help + aliases
        }
        return (["Commands:"] + rows + [
            "Tip: ask a question in plain words; follow-ups such as \"How is it treated?\" continue the topic.",
        ]).joined(separator: "\n")
    }

    static func named(_ name: String) -> MetaCommand? {
        let lower = name.lowercased()
        return all.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// Whether `line` is `:quit` or one of its aliases.
    static func isQuit(_ line: String) -> Bool {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        return words.first.flatMap { named(String($0)) }?.name == ":quit"
    }

    /// The command whose name is closest (edit distance ≤ 3), for "Did you mean …?".
    static func nearest(to name: String) -> MetaCommand? {
        let scored = all.map { ($0, editDistance(name.lowercased(), $0.name)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
