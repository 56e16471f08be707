import Foundation
import GuideQA

/// The bodies of the meta-commands that read the last answer or the corpus.
extension ReplSession {
    private func number(_ args: [String], _ usage: String, upTo count: Int, what: String) -> Int? {
        guard lastAnswer != nil else {
            say("No answer yet: ask a question first.")
            return nil
        }
        guard args.count == 1, let n = Int(args[0]) else {
            say("Usage: \(usage)")
            return nil
        }
        guard n >= 1 && n <= count else {
            say(count == 0 ? "The last answer has no \(what)s." : "No \(what) \(n): the last answer has \(what)s 1 to \(count).")
            return nil
        }
        return n
    }

    func cite(_ args: [String]) {
        guard let answer = lastAnswer else { say("No answer yet: ask a question first."); return }
        guard let n = number(args, ":cite N", upTo: answer.references.count, what: "reference") else { return }
        let reference = answer.references[n - 1]
        var lines = ["[\(n)] " + TerminalSafe.sanitize(reference.text)]
        // By corpus reference, not by number: after `:more` the earlier passages were
        // numbered in their own answer, where [n] may stand for another reference.
        let citing = shownItems.filter { citesSame($0, reference) }
        if !citing.isEmpty {
            lines.append("Cited by:")
            for item in citing {
                let text = TerminalSafe.sanitize(item.passage.text)
                lines.append("  \(item.rank). " + (text.count > 160 ? String(text.prefix(157)) + "…" : text))
            }
        }
        say(lines.joined(separator: "\n"))
    }

    private func citesSame(_ item: Answer.Item, _ reference: Answer.CitedReference) -> Bool {
        item.passage.citations.contains(reference.referenceIndex)
    }

    func references() {
        guard let answer = lastAnswer else { say("No answer yet: ask a question first."); return }
        guard !answer.references.isEmpty else { say("The last answer cited no references."); return }
        say((["References"] + answer.references.map { "[\($0.number)] " + TerminalSafe.sanitize($0.text) })
            .joined(separator: "\n"))
    }

    mutating func more() {
        guard let answer = lastAnswer else { say("No answer yet: ask a question first."); return }
        let next = engine.more(after: answer)
        guard !next.isEmpty else { say("No more passages answer this question."); return }
        lastAnswer = next
        shownItems += next.items
        printer.print(next)
    }

    func why(_ args: [String]) {
        guard let answer = lastAnswer else { say("No answer yet: ask a question first."); return }
        let ranks = shownItems.map(\.rank)
        guard args.count == 1, let n = Int(args[0]) else { say("Usage: :why N"); return }
        guard let item = shownItems.first(where: { $0.rank == n }) else {
            say(ranks.isEmpty ? "The last answer has no passages." : "No passage \(n): shown are \(ranks.map(String.init).joined(separator: ", ")).")
            return
        }
        let explanation = engine.explain(answer.plan, passage: item.passageIndex)
        var lines = ["Passage \(n): \(item.passage.id) (\(TerminalSafe.sanitize(item.passage.location.description)))"]
        let context = answer.plan.terms.filter { $0.origin == .context }.map(\.text)
        if !context.isEmpty { lines.append("Context terms: " + context.joined(separator: ", ")) }
        lines.append(contentsOf: explanation.lines())
        let coverage = engine.ranker.coverage(answer.plan, item.passageIndex)
        lines.append(String(format: "coverage %.2f of the question's idf mass (floor %.2f)", coverage, engine.options.floor))
        say(lines.joined(separator: "\n"))
    }

    func sources() {
        let corpus = engine.corpus
        var lines = ["\(corpus.documents.count) documents, \(corpus.passages.count) passages, \(corpus.references.count) references:"]
        for document in corpus.documents.prefix(200) {
            let updated = document.updated.map { ", updated \($0)" } ?? ""
            lines.append("  \(TerminalSafe.sanitize(document.title)) — \(document.passageIndices.count) passages\(updated)")
        }
        if corpus.documents.count > 200 { lines.append("  … and \(corpus.documents.count - 200) more") }
        say(lines.joined(separator: "\n"))
    }

    func history() {
        guard !conversation.questions.isEmpty else { say("No questions yet in this conversation."); return }
        say(conversation.questions.enumerated().map { "  \($0 + 1). " + TerminalSafe.sanitize($1) }.joined(separator: "\n"))
    }
}
