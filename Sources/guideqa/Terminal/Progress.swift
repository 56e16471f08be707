import Foundation

/// Shows how indexing is going on standard error ("indexed 40,960 of 100,000 passages,
/// 21,300/s, 3 s left"), rewriting one line, but only when standard error is a terminal
/// and the work has already taken more than a second: a fast start stays silent, and a
/// log file or a pipe never receives carriage returns.
///
/// The engine calls `update` through a closure; this is the only place that prints.
final class IndexingProgress {
    private let total: Int
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var lastPrint: ContinuousClock.Instant?
    private var printed = false

    init(total: Int, enabled: Bool = Terminal.stderrIsTTY) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let elapsed = Self.seconds(now - start)
        guard elapsed > 1 else { return }
        if let lastPrint, Self.seconds(now - lastPrint) < 0.1 { return }
        lastPrint = now
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = "guideqa: indexed \(Self.grouped(done)) of \(Self.grouped(total)) passages, "
            + "\(Self.grouped(Int(rate)))/s, \(Self.duration(left)) left"
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        printed = true
    }

    /// Clears the progress line, if one was shown.
    func finish() {
        guard printed else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        printed = false
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        return s < 60 ? "\(s) s" : "\(s / 60) min \(s % 60) s"
    }
}
