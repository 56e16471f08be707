/// The distinct terms of a query plan, as the planner adds them.
///
/// A plan has a dozen or two terms; comparing a short string against each of them
/// costs less than hashing it (Swift's `Set<String>` hashes with SipHash), so the set
/// is a list until it grows past `listLimit`, and a hashed set after that (a pasted
/// page can bring up to `QueryPlanner.maximumTerms`).
struct TermSet {
    private var list: [String] = []
    private var hashed: Set<String>?
    static let listLimit = 32

    init() {
        list.reserveCapacity(Self.listLimit)
    }

    var count: Int { hashed?.count ?? list.count }

    func contains(_ term: String) -> Bool {
        if let hashed { return hashed.contains(term) }
        return list.contains(term)
    }

    /// Adds the term; false when it was there already.
    @discardableResult
    mutating func insert(_ term: String) -> Bool {
        if hashed != nil { return hashed!.insert(term).inserted }
        if list.contains(term) { return false }
        list.append(term)
        if list.count > Self.listLimit {
            hashed = Set(list)
            list = []
        }
        return true
    }
}
