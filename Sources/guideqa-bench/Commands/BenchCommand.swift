import ArgumentParser

/// `guideqa-bench`: speed and retrieval quality of guideqa beside SQLite FTS5, on a
/// real corpus or a synthetic one (issue 6). Build in release mode: figures from a
/// debug build mean nothing.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guideqa-bench",
        abstract: "Benchmark guideqa against SQLite FTS5, and generate synthetic corpora.",
        subcommands: [RunCommand.self, SynthCommand.self, ColdFTS5Command.self, ChildMemoryCommand.self,
                      RankingsCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
