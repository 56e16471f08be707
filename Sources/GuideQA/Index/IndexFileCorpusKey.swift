extension IndexFile {
    /// The cache key of a corpus: XXH64-based hash over the engine version, the analysis
    /// options, the engine fingerprint, and every corpus file's path and bytes, in order
    /// (`CorpusLoader.corpusFiles(at:)`). Any edit, added, removed or renamed file, new
    /// release or analyzer change gives another key, hence another cache entry.
    ///
    /// Files are mapped, not read, and hashed at several GB/s: keying an 80 MB corpus
    /// costs a few tens of milliseconds, a fraction of re-indexing it. Each slice's pages
    /// are given back once hashed, so an 800 MB corpus file does not count whole toward
    /// the process's memory while it is keyed.
    public static func corpusKey(files: [String], engineVersion: String,
                                 analysis: Analyzer.Options) throws(IndexFileError) -> UInt64 {
        var hasher = IndexFileKeyHasher()
        hasher.combine("guideqa index key v\(IndexFileLayout.formatVersion)")
        hasher.combine(engineVersion)
        hasher.combine(UInt64(analysis.stemming ? 1 : 0) | UInt64(analysis.stopwords ? 2 : 0))
        hasher.combine(engineFingerprint(analysis: analysis))
        hasher.combine(UInt64(files.count))
        for path in files {
            hasher.combine(path)
            let file = try IndexFileRegion(path: path)
            withExtendedLifetime(file) { hasher.combine(file.bytes, release: file.release) }
        }
        return hasher.value
    }
}
