import Foundation

/// Finds the data that ships with `guideqa`: the default corpus and the vocabulary.
///
/// SwiftPM copies `Corpus/` and `Vocabulary/` into a resource bundle next to the binary.
/// The generated `Bundle.module` stops the program when that bundle is missing (a
/// binary copied elsewhere alone), so the bundle is looked up by hand and a missing
/// one is reported by the caller.
public enum DefaultCorpus {
    static let bundleNames = ["guideqa_DefaultCorpus.resources", "guideqa_DefaultCorpus.bundle"]

    /// The `Corpus` folder, or nil when the binary was moved without its resources.
    public static func url() -> URL? { resource("Corpus") }

    /// The `Vocabulary` folder (synonym and abbreviation tables), or nil.
    public static func vocabularyURL() -> URL? { resource("Vocabulary") }

    private static func resource(_ name: String) -> URL? {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent())
        if let path = Bundle.main.executablePath {
            candidates.append(URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        for base in candidates {
            for bundle in bundleNames {
                let url = base.appendingPathComponent(bundle).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: url.path) { return url }
            }
        }
        return nil
    }
}
