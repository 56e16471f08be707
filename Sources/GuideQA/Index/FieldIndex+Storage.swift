extension FieldIndex {
    /// The term → id dictionary of stored terms (an index file stores only `terms`).
    /// Returns nil when two terms are equal, which only a damaged file can contain.
    static func termIDs(for terms: [String]) -> [String: Int32]? {
        var ids = [String: Int32](minimumCapacity: terms.count)
        for (id, term) in terms.enumerated() where ids.updateValue(Int32(id), forKey: term) != nil {
            return nil
        }
        return ids
    }
}
