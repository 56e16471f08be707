import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `guideqa check` through the real binary: exit codes, formats, --update, the shipped scripts.
@Suite struct CheckCommandTests {
    private static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-check-\(UUID().uuidString)")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    private static let passing = """
        conversation: seed
        > Are MAS and HLH the same condition?
          rank 1: mas-hlh/are-mas-and-hlh-the-same-condition/1
          contains: subtype of secondary HLH
        > What biomarkers distinguish them?
          contains: S100A12
        conversation: off topic
        > What is the capital of France?
          no answer

        """

    @Test func shippedScriptsAllPass() throws {
        let result = try BinaryRunner.run(["check", "Tests/Checks"], currentDirectory: BinaryRunner.repositoryRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.range(of: #"^[0-9]+ passed, 0 failed$"#, options: .regularExpression) != nil, "\(last)")
        #expect(Int(last.split(separator: " ")[0]) ?? 0 >= 40)
    }

    @Test func passingScriptExitsZero() throws {
        let dir = try Self.folder(["ok.qa": Self.passing])
        let result = try BinaryRunner.run(["check", dir.path + "/ok.qa"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "4 passed, 0 failed\n")
    }

    @Test func failingCheckExitsOneWithFileLineAndDiff() throws {
        let dir = try Self.folder(["bad.qa": "> What is the capital of France?\n  contains: Paris\n"])
        let result = try BinaryRunner.run(["check", "bad.qa"], currentDirectory: dir)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("FAIL bad.qa:2: contains: Paris\n  no passage shown contains \"Paris\"\n"))
        #expect(result.stdout.contains("  - a passage containing \"Paris\"\n  + no answer\n"))
        #expect(result.stdout.hasSuffix("\n0 passed, 1 failed\n"))
    }

    @Test func malformedScriptExitsTwoNamingFileAndLine() throws {
        let dir = try Self.folder(["a.qa": "> q\n  rank 1: x\n", "b.qa": "# no question yet\ncites: x\n",
                                   "c.qa": "> q\n  expect: x\n"])
        let result = try BinaryRunner.run(["check", "."], currentDirectory: dir)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("guideqa: error: ./b.qa:2: expectation 'cites: x' comes before any question"))
        #expect(result.stderr.contains("guideqa: error: ./c.qa:2: unknown directive 'expect'"))
        #expect(try BinaryRunner.run(["check", dir.path + "/missing.qa"]).status == 2)
    }

    @Test func badCorpusExitsTwo() throws {
        let dir = try Self.folder(["ok.qa": Self.passing, "corpus/x.md": "no header\n"])
        let result = try BinaryRunner.run(["check", "--corpus", dir.path + "/corpus", dir.path + "/ok.qa"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("x.md"))
    }

    @Test func tapFormat() throws {
        let dir = try Self.folder(["ok.qa": Self.passing])
        let result = try BinaryRunner.run(["check", "--format", "tap", "ok.qa"], currentDirectory: dir)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("TAP version 13\n1..4\nok 1 - ok.qa:3: rank 1: "))
        #expect(result.stdout.hasSuffix("# 4 passed, 0 failed\n"))
    }

    @Test func junitFormatIsXML() throws {
        let dir = try Self.folder(["ok.qa": Self.passing, "bad.qa": "> ferritin\n  no answer\n"])
        let result = try BinaryRunner.run(["check", "--format", "junit", "."], currentDirectory: dir)
        #expect(result.status == 1)
        let document = try XMLDocument(xmlString: result.stdout, options: [])
        let root = try #require(document.rootElement())
        #expect(root.attribute(forName: "tests")?.stringValue == "5")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.elements(forName: "testsuite").map { $0.attribute(forName: "name")?.stringValue }
                == ["./bad.qa", "./ok.qa"])
        #expect(result.stderr == "4 passed, 1 failed\n")
    }

    @Test func updateRewritesKeepingCommentsThenPasses() throws {
        let script = """
            # Keep me.
            > Are MAS and HLH the same condition?
              # and me
              rank 1: hscore/what-the-hscore-is/1
              contains: not in any passage
              contains: subtype of secondary HLH

            > What is the capital of France?
            """
        let dir = try Self.folder(["u.qa": script + "\n"])
        let result = try BinaryRunner.run(["check", "--update", "u.qa"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr == "updated u.qa: 1 rewritten, 1 dropped, 1 added\n")
        #expect(result.stdout == "3 passed, 0 failed\n")
        let updated = try String(contentsOf: dir.appendingPathComponent("u.qa"), encoding: .utf8)
        #expect(updated == """
            # Keep me.
            > Are MAS and HLH the same condition?
              # and me
              rank 1: mas-hlh/are-mas-and-hlh-the-same-condition/1
              contains: subtype of secondary HLH

            > What is the capital of France?
              no answer

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["u.qa"])
    }
}
