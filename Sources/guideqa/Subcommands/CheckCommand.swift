import ArgumentParser
import Foundation
import GuideQA

/// `guideqa check`: runs `.qa` scripts of questions and expectations against one
/// loaded index, for regression testing of answers (format: docs/check-format.md).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scripted questions (.qa files) and check their answers.",
        discussion: """
            Each PATH is a .qa script or a folder (all *.qa inside, sorted). Conversations \
            carry follow-up context from turn to turn exactly as in the REPL, and never \
            from one conversation to the next. Prints each failing check with its file and \
            line, then 'N passed, M failed'. With --format tap or junit, writes TAP or JUnit \
            XML to standard output instead (for junit, the summary goes to standard error).
            With --update, rewrites failing expectations (and questions without any) from \
            today's answers, keeping comments and layout, then checks the scripts again.
            Exit status: 0 every check passed, 1 a check failed, 2 a script or the corpus \
            cannot be used.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, tap, junit
    }

    @OptionGroup var engineFlags: EngineFlags

    @Option(name: .long, help: "Report format: text, tap or junit.")
    var format: Format = .text

    @Flag(name: .long, help: "Rewrite the scripts' failing expectations from the current answers (golden mode).")
    var update = false

    @Argument(help: ArgumentHelp("Check scripts (*.qa), or folders of them.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one check script (*.qa) or folder of scripts") }
    }

    func run() throws {
        var failed = false
        try reportingFailures {
            let files = try scriptFiles()
            var scripts = try parse(files)
            let runner = CheckRunner(engine: try engineFlags.makeEngine())
            var report = runner.run(scripts)
            if update {
                for (index, script) in scripts.enumerated() where index < report.scripts.count {
                    let outcome = CheckScriptUpdater.update(script, from: report.scripts[index])
                    guard outcome.changed else { continue }
                    try writing { () throws(CheckScriptError) in
                        try CheckScriptWriter.write(outcome.text, to: files[index], display: script.file)
                    }
                    Terminal.error("updated \(script.file): \(outcome.rewritten) rewritten, "
                                   + "\(outcome.dropped) dropped, \(outcome.added) added")
                }
                scripts = try parse(files)
                report = runner.run(scripts)
            }
            print(report)
            failed = report.failed > 0
        }
        if failed { throw ExitCode(1) }
    }

    private func print(_ report: CheckReport) {
        switch format {
        case .text:
            Swift.print(TextCheckReporter.render(report), terminator: "")
        case .tap:
            Swift.print(TAPReporter.render(report), terminator: "")
        case .junit:
            Swift.print(JUnitReporter.render(report), terminator: "")
            Terminal.error(report.summary)
        }
    }

    private func scriptFiles() throws -> [String] {
        do {
            return try CheckScriptFiles.expand(paths)
        } catch {
            throw Failure.message(error.description, code: 2)
        }
    }

    /// Parses every script, reporting all malformed ones (each at its first error) at once.
    private func parse(_ files: [String]) throws -> [CheckScript] {
        var scripts: [CheckScript] = []
        var errors: [CheckScriptError] = []
        for file in files {
            do {
                scripts.append(try CheckScriptParser.parse(contentsOf: file))
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else {
            throw Failure.message(errors.map(\.description).joined(separator: "\nguideqa: error: "), code: 2)
        }
        return scripts
    }

    private func writing(_ body: () throws(CheckScriptError) -> Void) throws {
        do {
            try body()
        } catch {
            throw Failure.message(error.description, code: 2)
        }
    }
}
