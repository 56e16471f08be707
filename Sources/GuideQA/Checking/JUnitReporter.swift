import Foundation

/// The JUnit XML form of a check run, which most CI systems display.
///
/// One `<testsuite>` per script, one `<testcase>` per expectation (named by its line
/// and directive, classed by script and conversation), a `<failure>` holding the same
/// `-`/`+` diff as the text report. Counts match `N passed, M failed`.
public enum JUnitReporter {
    public static func render(_ report: CheckReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let total = report.scripts.reduce(Duration.zero) { $0 + $1.duration }
        out += "<testsuites name=\"guideqa check\" tests=\"\(report.passed + report.failed)\" "
            + "failures=\"\(report.failed)\" errors=\"0\" time=\"\(seconds(total))\">\n"
        for script in report.scripts {
            out += "  <testsuite name=\"\(attribute(script.file))\" tests=\"\(script.checks.count)\" "
                + "failures=\"\(script.failed)\" errors=\"0\" skipped=\"0\" time=\"\(seconds(script.duration))\">\n"
            for turn in script.turns {
                for check in turn.checks {
                    let location = check.expectation.location
                    out += "    <testcase classname=\"\(attribute(script.file + "." + turn.conversation))\" "
                        + "name=\"\(attribute("line \(location.line): \(check.expectation.source) (\(turn.turn.question))"))\" "
                        + "file=\"\(attribute(location.file))\" line=\"\(location.line)\""
                    guard let failure = check.failure else {
                        out += "/>\n"
                        continue
                    }
                    let body = (failure.expected.map { "- " + $0 } + failure.actual.map { "+ " + $0 })
                        .joined(separator: "\n")
                    out += ">\n      <failure message=\"\(attribute(failure.message))\" type=\"expectation\">"
                        + text(body) + "</failure>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    private static func seconds(_ duration: Duration) -> String {
        let (s, attoseconds) = duration.components
        let value = Double(s) + Double(attoseconds) / 1e18
        return String(format: "%.3f", value)
    }

    /// Escapes text content; characters XML 1.0 cannot hold become U+FFFD.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Escapes an attribute value (quotes too; newlines as character references).
    static func attribute(_ value: String) -> String {
        text(value).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
            .replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#9;")
    }
}
