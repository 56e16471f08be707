import Foundation
import Testing
@testable import GuideQA

@Suite struct CheckScriptUpdaterTests {
    static let script = """
        # Pinned answers. Comments and layout survive --update.

        conversation: ferritin
        > What ferritin level suggests hemophagocytic lymphohistiocytosis?
            rank 1: ferritin/treatment/1
            top 1: ferritin › Treatment
            contains: above 10000
            contains: banana
            cites: Platelet paper
            # a comment between expectations
            cites: Ferritin paper

        > capital of France
            rank 1: ferritin/thresholds/1
            not contains: Paris

        > What treats hemophagocytic lymphohistiocytosis?
        """

    @Test func rewritesFailingExpectationsAndKeepsTheRest() throws {
        let (script, report) = try CheckFixture.run(Self.script)
        #expect(report.failed == 5)
        let outcome = CheckScriptUpdater.update(script, from: report)
        #expect(outcome.text == """
            # Pinned answers. Comments and layout survive --update.

            conversation: ferritin
            > What ferritin level suggests hemophagocytic lymphohistiocytosis?
                rank 1: ferritin/thresholds/1
                top 2: ferritin › Treatment
                contains: above 10000
                cites: Author B. Etoposide paper. Journal. 2021.
                # a comment between expectations
                cites: Ferritin paper

            > capital of France
                no answer
                not contains: Paris

            > What treats hemophagocytic lymphohistiocytosis?
                rank 1: ferritin/treatment/1
            """)
        // The treatment passage is still shown (rank 2), so its line keeps it with a wider top;
        // the failing cites line is rewritten to a reference the answer cites.
        #expect(outcome.rewritten == 4)
        #expect(outcome.dropped == 1)   // contains: banana
        #expect(outcome.added == 1)
        // The rewritten script passes.
        let (_, again) = try CheckFixture.run(outcome.text)
        #expect(again.failed == 0)
        #expect(CheckScriptUpdater.update(try CheckFixture.parse(outcome.text), from: again).changed == false)
    }

    @Test func failingTopKeepsThePassageWhenStillRanked() throws {
        let (script, report) = try CheckFixture.run("> ferritin hemophagocytic\n  top 1: ferritin/treatment/1\n")
        #expect(CheckScriptUpdater.update(script, from: report).text == "> ferritin hemophagocytic\n  top 2: ferritin/treatment/1\n")
    }

    @Test func failingCitesListsTheAnswersReferences() throws {
        let (script, report) = try CheckFixture.run("> ferritin\r\n  cites: nobody\r\n")
        let outcome = CheckScriptUpdater.update(script, from: report)
        #expect(outcome.text == "> ferritin\r\n  cites: Author A. Ferritin paper. Journal. 2020.\r\n"
                + "  cites: Author B. Etoposide paper. Journal. 2021.\r\n")
    }

    @Test func writerReplacesTheFileAtomically() throws {
        let dir = try MiniCorpus.folder(["s.qa": "old\n"])
        let path = dir + "/s.qa"
        chmod(path, 0o640)
        try CheckScriptWriter.write("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.qa"])   // no temporary left
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(throws: CheckScriptError.self) { try CheckScriptWriter.write("x", to: dir + "/missing/s.qa") }
    }
}
