import Foundation
import GuideQA

/// guideqa's persisted index, measured as a user gets it: `guideqa index --output FILE`
/// writes it (so the file is exactly the CLI's), then it is sized, loaded in this process
/// (`IndexFile.load`: map, verify checksums, decode) and used for a cold start
/// (`guideqa ask --index FILE`).
struct IndexFileRunner {
    let executable: String
    let corpus: String

    struct Result {
        var bytes: Int
        /// Median wall time of `IndexFile.load` over the runs.
        var loadSeconds: Double
    }

    /// Builds the file into a temporary folder; the caller removes it with `remove`.
    func build() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guideqa-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("index.gqx").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["index", "--corpus", corpus, "--output", path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ColdStart.Failure(description: "guideqa index failed (status \(process.terminationStatus))")
        }
        return path
    }

    func measure(_ path: String, runs: Int) throws -> Result {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let bytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let (contents, seconds) = try MonotonicClock.time { try IndexFile.load(path: path, expecting: nil) }
            precondition(contents.corpus.passages.count > 0)
            times.append(seconds)
        }
        return Result(bytes: bytes, loadSeconds: times.sorted()[(times.count - 1) / 2])
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
