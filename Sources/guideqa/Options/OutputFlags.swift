import ArgumentParser

/// How answers are printed.
struct OutputFlags: ParsableArguments {
    @Flag(name: .long, help: "Print each answer as one JSON object on one line.")
    var json = false

    @Option(name: .long, help: "Wrap text at this many columns (default: the terminal's width; no wrapping when not a terminal).")
    var width: Int?

    func validate() throws {
        if let width, width < 30 || width > 1000 { throw ValidationError("--width must be from 30 to 1000") }
    }
}
