import Foundation
import GuideQA

/// The automatic index cache: `$XDG_CACHE_HOME/guideqa/` (default `~/.cache/guideqa/`),
/// one `.gqx` file per corpus, named by a hash of the corpus path and its cache key
/// (`IndexFile.corpusKey`: every corpus file's path and bytes, the engine version, the
/// analysis options and the engine fingerprint).
///
/// An edited corpus has another key, so it is re-indexed on the next start, and its old
/// entry removed. A damaged, truncated or foreign entry is reported once on standard error
/// and rebuilt; the cache can never make the program fail: an unwritable folder is a
/// warning, and the engine is built from the corpus as if there were no cache.
struct IndexCache {
    let folder: String

    /// `$XDG_CACHE_HOME/guideqa`, else `~/.cache/guideqa`.
    static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.cache")
        return base + "/guideqa"
    }

    /// The entry for a corpus path and key: `<hash of the path>-<key>.gqx`. Entries of one
    /// corpus path share the prefix, which lets `store` remove the outdated ones.
    func entryPath(corpusPath: String, key: UInt64) -> String {
        folder + "/" + Self.prefix(corpusPath) + String(format: "%016llx", key) + ".gqx"
    }

    private static func prefix(_ corpusPath: String) -> String {
        var hasher = IndexFileKeyHasher()
        hasher.combine(corpusPath)
        return String(format: "%016llx-", hasher.value)
    }

    /// The cached index, or nil (missing, or unusable: then the problem is reported once).
    func load(_ path: String, expecting expectation: IndexFile.Expectation) -> IndexFile.Contents? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try IndexFile.load(path: path, expecting: expectation)
        } catch {
            Terminal.error("guideqa: warning: cached index \(path): \(error.description); rebuilding it")
            return nil
        }
    }

    /// Writes an entry atomically (temporary file, fsync, rename), then removes the other
    /// entries of the same corpus path and leftover temporary files of dead processes.
    /// Failure is a warning: the engine is already built.
    func store(_ bytes: [UInt8], at path: String, corpusPath: String) {
        store(at: path, corpusPath: corpusPath) { try AtomicFile.write(bytes, to: $0) }
    }

    /// As `store(_:at:corpusPath:)`, with `write` writing the entry atomically at the path
    /// it is given (an index file streamed out, never held in memory whole).
    func store(at path: String, corpusPath: String, write: (String) throws -> Void) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try write(path)
        } catch {
            Terminal.error("guideqa: warning: cannot write the index cache in \(folder) "
                           + "(\(Self.reason(error))); the next start will index the corpus again. "
                           + "Set XDG_CACHE_HOME to a writable folder, or pass --no-cache")
            return
        }
        let prefix = Self.prefix(corpusPath)
        let name = (path as NSString).lastPathComponent
        for other in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where other != name {
            if other.hasPrefix(prefix) && other.hasSuffix(".gqx") {
                try? FileManager.default.removeItem(atPath: folder + "/" + other)
            } else if let pid = Self.temporaryOwner(other), kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: folder + "/" + other)
            }
        }
    }

    /// The process id in an `AtomicFile` temporary name (`NAME.gqx.tmp-PID`).
    private static func temporaryOwner(_ name: String) -> pid_t? {
        guard let range = name.range(of: ".gqx.tmp-") else { return nil }
        return pid_t(name[range.upperBound...])
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
