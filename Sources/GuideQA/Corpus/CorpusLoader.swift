import Foundation

/// Turns a path into a validated `Corpus`: a folder of `.md` guideline documents
/// (searched recursively, hidden folders skipped, linked folders not followed so a
/// link loop cannot trap it), a single `.md` document, or a `.jsonl` passage file.
public enum CorpusLoader {
    /// The file extensions that hold corpus content; anything else in a folder is ignored.
    public static let extensions: Set<String> = ["md", "jsonl"]

    public static func load(path: String) throws(CorpusError) -> Corpus {
        let files = try corpusFiles(at: path)
        var builder = CorpusBuilder()
        for file in files {
            try add(file: file, to: &builder)
        }
        if builder.isEmpty {
            throw CorpusError(.noDocuments, at: SourceLocation(file: path, line: 0))
        }
        return builder.build()
    }

    /// The files a path stands for, in a stable (sorted) order.
    public static func corpusFiles(at path: String) throws(CorpusError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // A dangling or looping link exists but cannot be followed.
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
                throw CorpusError(.unreadable("a symbolic link that leads nowhere, or in a loop"),
                                  at: SourceLocation(file: path, line: 0))
            }
            throw CorpusError(.notFound, at: SourceLocation(file: path, line: 0))
        }
        if !isDirectory.boolValue { return [path] }
        var files: [String] = []
        try walk(path, into: &files)
        if files.isEmpty { throw CorpusError(.noDocuments, at: SourceLocation(file: path, line: 0)) }
        return files
    }

    private static func walk(_ folder: String, into files: inout [String]) throws(CorpusError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw CorpusError(.unreadable(TextFile.reasonText(error)), at: SourceLocation(file: folder, line: 0))
        }
        for name in names where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                try walk(path, into: &files)
            } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                if kind == S_IFLNK && stat(path, &info) != 0 {
                    throw CorpusError(.unreadable("a symbolic link that leads nowhere, or in a loop"),
                                      at: SourceLocation(file: path, line: 0))
                }
                files.append(path)
            }
        }
    }

    private static func add(file: String, to builder: inout CorpusBuilder) throws(CorpusError) {
        let ext = (file as NSString).pathExtension.lowercased()
        if ext == "jsonl" {
            // Mapped and read once, in order: a JSONL corpus can be gigabytes.
            try JSONLPassageReader(file: file).read(try TextFile.mapped(file, display: file), into: &builder)
        } else {
            let text = try TextFile.read(file, display: file)
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let parsed = try GuidelineParser(file: file).parse(text, defaultID: stem)
            try builder.add(parsed, path: file, body: text)
        }
    }
}
