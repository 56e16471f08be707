import Foundation
import GuideQA
#if canImport(Glibc)
import Glibc
#endif

/// The REPL's persistent history: one entry per line, bounded, shared safely.
///
/// Saving merges: it takes an exclusive lock on `PATH.lock`, re-reads the file, appends
/// this session's new entries, keeps the newest `limit`, and replaces the file
/// atomically (temporary file, fsync, rename). Two REPLs on one history file thus keep
/// all their lines, and a crash mid-write leaves the previous file intact.
struct HistoryFile {
    let path: String
    let limit: Int

    /// `$GUIDEQA_HISTORY`, else `$XDG_STATE_HOME/guideqa/history`, else `~/.local/state/guideqa/history`.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["GUIDEQA_HISTORY"], !path.isEmpty { return path }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return state + "/guideqa/history"
    }

    /// Loaded entries, oldest first. A missing file is an empty history; an unreadable or
    /// corrupt one returns the problem, so the caller can report it once and go on.
    func load() -> (entries: [String], problem: String?) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([], "cannot read history file \(path); this session's history will not be loaded")
        }
        guard let text = String(validating: data, as: UTF8.self), !data.contains(0) else {
            return ([], "history file \(path) is not UTF-8 text; it will be replaced when this session ends")
        }
        return (text.split(separator: "\n").map { Self.unescape(String($0)) }.suffix(limit).map { $0 }, nil)
    }

    /// Appends `newEntries` to what is on disk now, and writes the result atomically.
    func save(appending newEntries: [String]) throws {
        guard !newEntries.isEmpty else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let lockFD = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lockFD >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        defer { close(lockFD) }
        flock(lockFD, LOCK_EX)
        defer { flock(lockFD, LOCK_UN) }
        let existing = load().entries
        let merged = Array((existing + newEntries).suffix(limit))
        let text = merged.map(Self.escape).joined(separator: "\n") + "\n"
        try AtomicFile.write(Data(text.utf8), to: path)
    }

    /// Newlines and backslashes are escaped so that every entry stays on one line.
    static func escape(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ line: String) -> String {
        guard line.contains("\\") else { return line }
        var out = ""
        var escaping = false
        for c in line {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
