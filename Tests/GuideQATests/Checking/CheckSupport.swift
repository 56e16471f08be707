import Foundation
@testable import GuideQA

/// A small two-document corpus and helpers to parse and run scripts against it.
enum CheckFixture {
    static let engine: Engine = {
        do {
            let dir = try MiniCorpus.folder([
                "ferritin.md": """
                    ---
                    title: Ferritin guide
                    updated: 2025-01-01
                    ---
                    ## Thresholds
                    Ferritin above 10000 suggests hemophagocytic lymphohistiocytosis. [1]

                    ## Treatment
                    Etoposide treats hemophagocytic lymphohistiocytosis. [2]
                    ## References
                    1. Author A. Ferritin paper. Journal. 2020.
                    2. Author B. Etoposide paper. Journal. 2021.
                    """,
                "platelets.md": """
                    ---
                    title: Platelet guide
                    updated: 2025-01-01
                    ---
                    ## Counts
                    Platelets drop in sepsis. [1]
                    ## References
                    1. Author C. Platelet paper. Journal. 2022.
                    """,
            ])
            return try Engine(corpus: try CorpusLoader.load(path: dir))
        } catch {
            fatalError("fixture corpus: \(error)")
        }
    }()

    static func parse(_ text: String, file: String = "t.qa") throws -> CheckScript {
        try CheckScriptParser.parse(text: text, file: file)
    }

    static func run(_ text: String) throws -> (CheckScript, ScriptReport) {
        let script = try parse(text)
        return (script, CheckRunner(engine: engine).run(script))
    }

    /// The error a malformed script gives, or nil.
    static func error(_ text: String) -> CheckScriptError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error as? CheckScriptError
        }
    }
}
