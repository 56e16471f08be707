import Foundation

/// The machine a run measured, printed above its tables: figures from two machines
/// are not comparable, ratios from one run are.
enum Machine {
    static func summary() -> String {
        let cpu = cpuModel() ?? "unknown CPU"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1e9
        return String(format: "%@, %d cores, %.0f GB RAM; SQLite %@", cpu, cores, memory, SQLiteDatabase.version)
    }

    /// The 1-, 5- and 15-minute load averages: timings from a busy machine say so.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func cpuModel() -> String? {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in info.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// The running executable's absolute path (to find `guideqa` next to it, and to
    /// spawn this program's own FTS5 cold start).
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
