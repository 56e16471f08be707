/// The passages of a corpus, by index: an array for a corpus parsed from its files, or
/// records and texts read in place from an index file, each `Passage` (and its text's
/// `String`) made only when it is asked for.
///
/// Why: a 100,000-passage index holds 81 MB of passage text; making a `String` of every
/// text at start-up took 100 ms and kept the whole text on the heap, while a session
/// shows a few passages per question. The collection behaves like `[Passage]` (index,
/// iterate, count, compare); each subscript builds a fresh value, so code that reads one
/// passage many times should keep it in a local.
public struct PassageList: RandomAccessCollection, Sendable, Equatable {
    private enum Storage: Sendable {
        case array([Passage])
        case stored(IndexFilePassages)
    }
    private let storage: Storage

    public init(_ passages: [Passage]) { storage = .array(passages) }

    init(stored passages: IndexFilePassages) { storage = .stored(passages) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .array(let passages): passages.count
        case .stored(let stored): stored.count
        }
    }

    public subscript(index: Int) -> Passage {
        switch storage {
        case .array(let passages): passages[index]
        case .stored(let stored): stored.passage(index)
        }
    }

    /// A passage's id without making its text (the evaluator and check runner ask for ids).
    public func id(at index: Int) -> String {
        switch storage {
        case .array(let passages): passages[index].id
        case .stored(let stored): stored.id(index)
        }
    }

    public static func == (a: PassageList, b: PassageList) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
    }
}
