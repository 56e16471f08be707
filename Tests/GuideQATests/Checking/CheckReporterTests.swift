import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GuideQA

@Suite struct CheckReporterTests {
    static func report() throws -> CheckReport {
        let (_, script) = try CheckFixture.run("""
            conversation: mixed <&> "quotes"
            > ferritin
              rank 1: ferritin/thresholds/1
              contains: # not a TAP directive & <xml>
            > capital of France
              no answer
            """)
        return CheckReport(scripts: [script])
    }

    @Test func tapHasAPlanAPointPerCheckAndYAMLForFailures() throws {
        let tap = TAPReporter.render(try Self.report())
        let lines = tap.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(3) == ["TAP version 13", "1..3", "ok 1 - t.qa:3: rank 1: ferritin/thresholds/1 (ferritin)"])
        #expect(lines[3] == "not ok 2 - t.qa:4: contains: \\# not a TAP directive & <xml> (ferritin)")
        #expect(lines[4] == "  ---")
        #expect(lines.contains("  message: \"no passage shown contains \\\"# not a TAP directive & <xml>\\\"\""))
        #expect(lines.contains("  at: \"t.qa:4\""))
        #expect(lines.contains("  ..."))
        #expect(lines.contains("ok 3 - t.qa:6: no answer (capital of France)"))
        #expect(tap.hasSuffix("# 2 passed, 1 failed\n"))
    }

    @Test func junitParsesBackAsXMLWithMatchingCounts() throws {
        let xml = JUnitReporter.render(try Self.report())
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "3")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["t.qa"])
        let cases = suites[0].elements(forName: "testcase")
        #expect(cases.count == 3)
        #expect(cases[0].attribute(forName: "classname")?.stringValue == "t.qa.mixed <&> \"quotes\"")
        #expect(cases[1].attribute(forName: "line")?.stringValue == "4")
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue
                == "no passage shown contains \"# not a TAP directive & <xml>\"")
        #expect(failure.stringValue?.hasPrefix("- a passage containing \"# not a TAP directive & <xml>\"\n+ 1. ") == true)
        #expect(cases[2].elements(forName: "failure").isEmpty)
    }

    @Test func junitReplacesCharactersXMLCannotHold() {
        #expect(JUnitReporter.attribute("a\u{1B}b\"c\n") == "a\u{FFFD}b&quot;c&#10;")
        #expect(JUnitReporter.text("<\u{0}>") == "&lt;\u{FFFD}&gt;")
    }

    @Test func textReportNeutralizesControlCharacters() throws {
        let (_, script) = try CheckFixture.run("> ferritin\u{1B}[31m\n  contains: zzz\n")
        let text = TextCheckReporter.render(CheckReport(scripts: [script]))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("ferritin\u{241B}[31m"))
    }
}
