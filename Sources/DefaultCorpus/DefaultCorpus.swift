import Foundation

/// Finds the default corpus that ships with `guideqa`.
///
/// SwiftPM copies `Corpus/` into a resource bundle next to the binary. The generated
/// `Bundle.module` stops the program when that bundle is missing (a binary copied
/// elsewhere alone), so the bundle is looked up by hand and a missing one is reported.
public enum DefaultCorpus {
    static let bundleName = "guideqa_DefaultCorpus.resources"

    /// The `Corpus` folder, or nil when the binary was moved without its resources.
    public static func url() -> URL? {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        if let resources = Bundle.main.resourceURL { candidates.append(resources) }
        for base in candidates {
            for bundle in [bundleName, "guideqa_DefaultCorpus.bundle"] {
                let corpus = base.appendingPathComponent(bundle).appendingPathComponent("Corpus")
                if FileManager.default.fileExists(atPath: corpus.path) { return corpus }
            }
        }
        return nil
    }
}
