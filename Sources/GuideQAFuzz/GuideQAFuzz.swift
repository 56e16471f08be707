import Foundation
import GuideQA

// Fuzz targets for GuideQA's input paths (issue 7). One executable, six targets; the
// target is chosen by GUIDEQA_FUZZ_TARGET. Built two ways:
//
// - `fuzz/run.sh` builds it with `--sanitize=fuzzer -Xswiftc -DFUZZING`: libFuzzer's
//   `main` drives `LLVMFuzzerTestOneInput` with mutated inputs (address sanitizer on).
// - a normal `swift build` builds a replay tool: `GUIDEQA_FUZZ_TARGET=query
//   .build/debug/GuideQAFuzz FILE…` runs each file through the target once, so a crash
//   input can be reproduced and debugged without the fuzzer.
//
// Every target only checks that the input is handled: an error thrown is a pass, a
// trap, sanitizer report or hang is a finding.

enum FuzzTarget: String, CaseIterable {
    case corpusDocument = "corpus-document"   // a .md guideline file through CorpusLoader (+ indexing)
    case jsonl                                // a .jsonl passage file through CorpusLoader (+ indexing)
    case analyzer                             // Analyzer.analyze on any text
    case query                                // plan + rank + compose + render, one conversation per input
    case checkScript = "check-script"         // CheckScriptParser.parse(data:file:)
    case indexFile = "index-file"             // IndexFile.decode on any bytes

    static var selected: FuzzTarget {
        let name = ProcessInfo.processInfo.environment["GUIDEQA_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data(("GuideQAFuzz: set GUIDEQA_FUZZ_TARGET to one of: "
                + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ") + "\n").utf8))
            exit(2)
        }
        return target
    }
}

enum Fuzz {
    static let target = FuzzTarget.selected

    /// A private folder for the corpus targets (which load from a path, as the CLI does).
    static let scratch: String = {
        let path = NSTemporaryDirectory() + "guideqa-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static let analyzer = Analyzer()

    /// The shipped corpus (the repository's Corpus/), indexed once.
    static let engine: Engine = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let corpus = try! CorpusLoader.load(path: root.appendingPathComponent("Corpus").path)
        return try! Engine(corpus: corpus)
    }()

    static func run(_ data: Data) {
        switch target {
        case .corpusDocument: loadCorpus(data, name: "doc.md")
        case .jsonl: loadCorpus(data, name: "passages.jsonl")
        case .analyzer:
            let text = String(decoding: data, as: UTF8.self)
            for token in analyzer.analyze(text) {
                precondition(!token.term.isEmpty, "empty term")
            }
        case .query: query(data)
        case .checkScript: _ = try? CheckScriptParser.parse(data: data, file: "fuzz.qa")
        case .indexFile:
            guard let contents = try? IndexFile.decode([UInt8](data), expecting: nil) else { return }
            // A file that decodes must answer without trapping.
            if let engine = try? Engine(corpus: contents.corpus, index: contents.index, analyzer: Analyzer(options: contents.metadata.analysis),
                                        harvested: contents.harvested) {
                _ = engine.answer("ferritin fever")
            }
        }
    }

    static func loadCorpus(_ data: Data, name: String) {
        let path = scratch + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: data)
        defer { unlink(path) }
        guard let corpus = try? CorpusLoader.load(path: path) else { return }
        guard let engine = try? Engine(corpus: corpus) else { return }
        let answer = engine.answer(corpus.passages.first?.text ?? "")
        _ = TextRenderer(analyzer: engine.analyzer, width: 60, styled: true).render(answer)
    }

    /// Each line is one turn of one conversation; lines starting with ':' page on (`:more`).
    static func query(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        var conversation = Conversation()
        var last: Answer?
        let styled = TextRenderer(analyzer: engine.analyzer, width: 72, styled: true)
        let plain = TextRenderer(analyzer: engine.analyzer, width: nil, styled: false)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8) {
            let answer: Answer
            if line.hasPrefix(":"), let previous = last {
                answer = engine.more(after: previous, count: 3)
            } else {
                answer = engine.answer(String(line), in: &conversation, top: 5)
            }
            _ = styled.render(answer)
            // What reaches a terminal carries no control character but the newline.
            let shown = plain.render(answer)
            precondition(!shown.unicodeScalars.contains { ($0.value < 0x20 && $0.value != 0x0A) || (0x7F...0x9F).contains($0.value) },
                         "control character in rendered text")
            _ = JSONRenderer.render(answer)
            if let first = answer.items.first {
                _ = engine.explain(answer.plan, passage: first.passageIndex)
            }
            last = answer
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Fuzz.run(Data(bytes: bytes, count: size))
    return 0
}
#else
@main
struct Replay {
    static func main() {
        _ = Fuzz.target
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("GuideQAFuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            Fuzz.run(data)
            print("ok \(path)")
        }
    }
}
#endif
