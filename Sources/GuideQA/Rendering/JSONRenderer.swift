/// The `--json` form of an answer: one object on one line.
///
///     {"question", "answered", "context": [carried words],
///      "passages": [{"rank","id","document","section","text","score","citations":[n],
///                   "matched":[terms]}],
///      "references": [{"number","text"}], "disclaimer"}
///
/// Keys come in this order, always; `section` joins the heading path with " › ".
public enum JSONRenderer {
    public static func render(_ answer: Answer) -> String { json(answer).serialized() }

    public static func json(_ answer: Answer) -> JSONValue {
        .object([
            ("question", .string(answer.question)),
            ("answered", .bool(!answer.isEmpty)),
            ("context", .array(answer.contextTerms.map { .string($0) })),
            ("passages", .array(answer.items.map { item in
                .object([
                    ("rank", .int(item.rank)),
                    ("id", .string(item.passage.id)),
                    ("document", .string(item.documentTitle)),
                    ("section", .string(item.passage.section.joined(separator: " › "))),
                    ("text", .string(item.passage.text)),
                    ("score", .number(item.score)),
                    ("citations", .array(item.citations.map { .int($0) })),
                    ("matched", .array(item.matchedTerms.map { .string($0) })),
                ])
            })),
            ("references", .array(answer.references.map {
                .object([("number", .int($0.number)), ("text", .string($0.text))])
            })),
            ("disclaimer", .string(answer.disclaimer)),
        ])
    }
}
