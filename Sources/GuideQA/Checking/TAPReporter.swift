import Foundation

/// The Test Anything Protocol (version 13) form of a check run: one test point per
/// expectation, a YAML block under each failure, and `# N passed, M failed` last.
///
/// Test point descriptions start with `file:line`, so a CI log points at the script.
public enum TAPReporter {
    public static func render(_ report: CheckReport) -> String {
        let checks = report.checks
        var lines = ["TAP version 13", "1..\(checks.count)"]
        for (index, check) in checks.enumerated() {
            let description = "\(check.expectation.location): \(check.expectation.source) (\(check.question))"
            lines.append("\(check.passed ? "ok" : "not ok") \(index + 1) - \(escape(description))")
            guard let failure = check.failure else { continue }
            lines.append("  ---")
            lines.append("  message: \(yamlString(failure.message))")
            lines.append("  severity: fail")
            lines.append("  at: \(yamlString(check.expectation.location.description))")
            lines.append("  conversation: \(yamlString(check.conversation))")
            lines.append("  question: \(yamlString(check.question))")
            lines.append("  expected:")
            lines += failure.expected.map { "    - \(yamlString($0))" }
            lines.append("  got:")
            lines += failure.actual.map { "    - \(yamlString($0))" }
            lines.append("  ...")
        }
        lines.append("# \(report.summary)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A description may not contain '#' (it would start a directive) or a newline.
    static func escape(_ text: String) -> String {
        TerminalSafe.sanitize(text).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "#", with: "\\#")
    }

    /// A double-quoted YAML scalar: any text, on one line.
    static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
