import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 7, faults: killed writers, concurrent sessions, closed pipes, Ctrl-C in a batch.
/// (The index cache's killed-writer and leftover-temp-file cases are in IndexCommandTests.)
@Suite struct FaultTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gqa-fault-\(UUID().uuidString)-\(name)").path
    }

    /// A history file of `count` long, numbered entries (about 1 MB: writing it takes a while).
    static func bigHistory(at path: String, count: Int = 1000) throws -> [String] {
        let filler = String(repeating: "x", count: 1000)
        let entries = (0..<count).map { "old entry \($0) \(filler)" }
        try (entries.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return entries
    }

    /// `kill -9` while the REPL saves its history: the file is the old one or the new one,
    /// whole, never a mix or a truncation. The kill lands at a different moment each round.
    @Test func historyFileSurvivesKillDuringSave() throws {
        let path = Self.temporaryPath("history")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var old = try Self.bigHistory(at: path)
        var outcomes = Set<String>()
        for round in 0..<8 {
            let session = try PTYSession(historyFile: path)
            try session.expectPrompt()
            let new = ":history \(round)"
            _ = try session.turn(new)
            session.send("\u{04}")                               // Ctrl-D: save history and exit
            usleep(UInt32(round) * 1_500)                        // 0 … 10.5 ms into the save
            session.kill()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.last == "", "ends with a newline (not truncated)")
            let entries = Array(lines.dropLast())
            if entries == old {
                outcomes.insert("old")
            } else {
                #expect(entries == Array((old + [new]).suffix(1000)), "round \(round): neither old nor new")
                outcomes.insert("new")
                old = entries
            }
        }
        #expect(!outcomes.isEmpty)
    }

    /// A temporary file left by a killed writer is never read as the history, and the next save replaces the file.
    @Test func leftoverHistoryTemporaryFileIsIgnored() throws {
        let path = Self.temporaryPath("history")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "kept entry\n".write(toFile: path, atomically: true, encoding: .utf8)
        try "half written\nby a kil".write(toFile: path + ".tmp-99999", atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path + ".tmp-99999") }
        let session = try PTYSession(historyFile: path)
        try session.expectPrompt()
        _ = try session.turn(":history")
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "kept entry\n:history\n")
    }

    /// Two REPLs on one history file at once: each keeps all its lines (saves merge under flock).
    @Test func twoSessionsOnOneHistoryFileKeepAllLines() throws {
        let path = Self.temporaryPath("history")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let old = try Self.bigHistory(at: path, count: 300)
        let first = try PTYSession(historyFile: path), second = try PTYSession(historyFile: path)
        try first.expectPrompt()
        try second.expectPrompt()
        for i in 0..<3 {
            _ = try first.turn(":history first \(i)")
            _ = try second.turn(":history second \(i)")
        }
        first.send("\u{04}")
        second.send("\u{04}")
        #expect(first.waitForExit() == 0)
        #expect(second.waitForExit() == 0)
        let entries = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let mine = (0..<3).map { ":history first \($0)" }, theirs = (0..<3).map { ":history second \($0)" }
        #expect(Array(entries.prefix(old.count)) == old)
        #expect(entries.count == old.count + 6)
        let added = Array(entries.dropFirst(old.count))
        #expect(added == mine + theirs || added == theirs + mine, "\(added)")
    }

    /// `guideqa ask < questions | head -1` in a real shell pipeline: one line, no message.
    @Test func askIntoHeadEndsQuietly() throws {
        let questions = try AskCommandTests.manyQuestionsFile()
        defer { try? FileManager.default.removeItem(atPath: questions) }
        for arguments in ["ask", "ask --json", "repl"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "set -o pipefail; '\(BinaryRunner.binary.path)' \(arguments) < '\(questions)' | head -1"]
            process.environment = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path,
                                   "LC_ALL": "C.UTF-8"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(output.split(separator: "\n").count == 1, "\(arguments): \(output.prefix(200))")
            #expect(errors.isEmpty, "\(arguments): \(errors.debugDescription)")
            // pipefail: guideqa's own status, 141 = 128 + SIGPIPE, as for any Unix filter.
            #expect([0, 128 + SIGPIPE].contains(process.terminationStatus), "\(arguments): \(process.terminationStatus)")
        }
    }

    /// Ctrl-C (SIGINT) during a long batch on standard input: the answer in progress is
    /// printed whole, the batch stops, exit status 130, one line on stderr.
    @Test(arguments: [["ask"], ["ask", "--json"], ["repl"]])
    func sigintStopsABatchCleanly(_ arguments: [String]) throws {
        let path = Self.temporaryPath("questions")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try String(repeating: AskCommandTests.question + "\n", count: 50_000).write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path,
                               "LC_ALL": "C.UTF-8"]
        let out = Pipe(), err = Pipe()
        process.standardInput = try #require(FileHandle(forReadingAtPath: path))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var output = Data()
        while output.count < 256 * 1024 {                         // well into the batch
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
        }
        kill(process.processIdentifier, SIGINT)
        output.append(out.fileHandleForReading.readDataToEndOfFile())
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "exited, not killed by the signal")
        #expect(process.terminationStatus == 130)
        #expect(errors == "guideqa: interrupted\n", "\(errors.debugDescription)")
        let text = String(decoding: output, as: UTF8.self)
        if arguments.contains("--json") {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.last == "", "ends with a whole line")
            #expect(throws: Never.self) { _ = try lines.dropLast().map { try JSONObject.parse(String($0)) } }
            #expect(lines.count - 1 < 50_000, "stopped before the end")
        } else {
            let disclaimer = try AskCommandTests.disclaimer()
            #expect(text.hasSuffix(disclaimer + "\n"), "the last answer is whole: \(text.suffix(200).debugDescription)")
            #expect(text.components(separatedBy: disclaimer).count - 1 < 50_000, "stopped before the end")
        }
    }
}
