import Foundation

/// Turns the paths given to `guideqa check` into the scripts to run.
///
/// A file is taken as it is (it must end in `.qa`, so a corpus file passed by mistake
/// is refused rather than parsed into a confusing error); a folder stands for every
/// `*.qa` file inside it, subfolders included, hidden entries skipped, sorted by path
/// so runs and reports are in a stable order.
public enum CheckScriptFiles {
    public static let fileExtension = "qa"

    public static func expand(_ paths: [String]) throws(CheckScriptError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CheckScriptError(.notFound, at: SourceLocation(file: path, line: 0))
            }
            if !isDirectory.boolValue {
                guard (path as NSString).pathExtension.lowercased() == fileExtension else {
                    throw CheckScriptError(.notQAFile, at: SourceLocation(file: path, line: 0))
                }
                files.append(path)
                continue
            }
            var found: [String] = []
            try walk(path, into: &found)
            guard !found.isEmpty else { throw CheckScriptError(.noScripts, at: SourceLocation(file: path, line: 0)) }
            files.append(contentsOf: found.sorted())
        }
        return files
    }

    private static func walk(_ folder: String, into files: inout [String]) throws(CheckScriptError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw CheckScriptError(.unreadable(TextFile.reasonText(error)), at: SourceLocation(file: folder, line: 0))
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                // Follow no links to folders: a link loop must not trap the walk.
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil {
                    try walk(path, into: &files)
                }
            } else if (name as NSString).pathExtension.lowercased() == fileExtension {
                files.append(path)
            }
        }
    }
}
