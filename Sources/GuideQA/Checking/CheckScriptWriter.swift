import Foundation

/// Replaces a script's content all at once: written to a temporary file beside it, then
/// renamed over it, so a crash or a full disk leaves either the old script or the new
/// one, never half of each. The file keeps its permissions; a symbolic link keeps
/// pointing at the (rewritten) file it names.
public enum CheckScriptWriter {
    public static func write(_ text: String, to path: String, display: String? = nil) throws(CheckScriptError) {
        let location = SourceLocation(file: display ?? path, line: 0)
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let folder = (target as NSString).deletingLastPathComponent
        var mode: mode_t = 0o644
        if let existing = (try? FileManager.default.attributesOfItem(atPath: target))?[.posixPermissions] as? NSNumber {
            mode = mode_t(existing.uint16Value)
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: target, mode: mode)
        } catch {
            throw CheckScriptError(.writeFailed("\(error) (writing beside it in \(folder.isEmpty ? "." : folder))"),
                                   at: location)
        }
    }
}
