/// An error that points at a file and line and says what to do: corpus and check-script
/// errors print alike, `path:line: what is wrong; what to do`.
public protocol LocatedError: Error, CustomStringConvertible {
    var location: SourceLocation { get }
    /// What is wrong, then what to do, without the location.
    var message: String { get }
}

extension LocatedError {
    public var description: String { "\(location): \(message)" }
}
