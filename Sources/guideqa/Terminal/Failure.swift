import ArgumentParser
import GuideQA

/// Errors that end the program, each with its message and exit status; the one
/// place where engine errors become what the user reads.
enum Failure: Error, CustomStringConvertible {
    case corpus(CorpusError)
    case noDefaultCorpus
    case message(String, code: Int32)

    var description: String {
        switch self {
        case .corpus(let error): return error.description
        case .noDefaultCorpus:
            return "the default corpus is missing (it ships beside the binary, in guideqa_DefaultCorpus.resources); "
                + "reinstall with 'make install' or pass --corpus PATH"
        case .message(let text, _): return text
        }
    }

    /// Exit status: 2 for a corpus or script that cannot be used, as documented.
    var code: Int32 {
        switch self {
        case .corpus, .noDefaultCorpus: return 2
        case .message(_, let code): return code
        }
    }

    /// Prints the error and exits.
    static func exit(_ failure: Failure) -> Never {
        Terminal.error("guideqa: error: \(failure.description)")
        Foundation.exit(failure.code)
    }
}

import Foundation

extension ParsableCommand {
    /// Runs `body`, turning a `Failure` into its message and exit status.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            Failure.exit(failure)
        }
    }
}
