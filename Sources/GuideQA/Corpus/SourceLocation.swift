/// A place in a corpus or script file, so that every diagnostic can point at a line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The path as the user gave it (relative paths stay relative: they read better).
    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
