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
        let name = (target as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid()).\(UUID().uuidString).tmp"
        var attributes: [FileAttributeKey: Any] = [:]
        if let mode = try? FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] {
            attributes[.posixPermissions] = mode
        }
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: attributes) else {
            throw CheckScriptError(.writeFailed("cannot create a temporary file in \(folder.isEmpty ? "." : folder)"),
                                   at: location)
        }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CheckScriptError(.writeFailed(reason), at: location)
        }
    }
}
