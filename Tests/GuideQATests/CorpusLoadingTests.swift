import Foundation
import Testing
@testable import GuideQA

@Suite struct CorpusLoadingTests {
    static let goodDocument = """
        ---
        title: Test guideline
        updated: 2025-01-01
        ---

        ## Diagnosis

        Ferritin above 500 is one criterion. [1]

        - Fever is another criterion,
          written on two lines. [1, 2]

        ### In adults

        Adults need other thresholds. [2]

        ## References

        1. Author A. First title. Journal. 2020.
        2. Author B. Second title. Journal. 2021.
        """

    private func loadError(_ files: [String: String], file: String? = nil) throws -> CorpusError? {
        let dir = try MiniCorpus.folder(files)
        do {
            _ = try CorpusLoader.load(path: file.map { dir + "/" + $0 } ?? dir)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesHeaderSectionsPassagesAndReferences() throws {
        let dir = try MiniCorpus.folder(["guide.md": Self.goodDocument])
        let corpus = try CorpusLoader.load(path: dir)
        #expect(corpus.documents.map(\.title) == ["Test guideline"])
        #expect(corpus.documents[0].updated == "2025-01-01")
        #expect(corpus.passages.map(\.id) == ["guide/diagnosis/1", "guide/diagnosis/2", "guide/diagnosis/in-adults/1"])
        #expect(corpus.passages[1].text == "Fever is another criterion, written on two lines.")
        #expect(corpus.passages[2].section == ["Diagnosis", "In adults"])
        #expect(corpus.passages.map(\.citations) == [[0], [0, 1], [1]])
        #expect(corpus.references.map(\.text) == ["Author A. First title. Journal. 2020.",
                                                  "Author B. Second title. Journal. 2021."])
        #expect(corpus.passages[1].location.description.hasSuffix("guide.md:10"))
    }

    @Test func sharedReferencesMergeAcrossDocuments() throws {
        let second = Self.goodDocument.replacingOccurrences(of: "Test guideline", with: "Other")
            .replacingOccurrences(of: "Ferritin above", with: "Ferritin over")
        let corpus = try CorpusLoader.load(path: try MiniCorpus.folder(["a.md": Self.goodDocument, "b.md": second]))
        #expect(corpus.references.count == 2)
    }

    @Test func jsonlLoads() throws {
        let dir = try MiniCorpus.folder(["c.jsonl": """
            {"id": "x1", "title": "Fever", "text": "Fever is common.", "source": "Src A"}

            {"id": "x2", "title": "Fever", "text": "Treat the cause.", "source": "Src B"}
            {"id": "x3", "title": "Rash", "text": "Rash may occur.", "source": "Src A"}
            """])
        let corpus = try CorpusLoader.load(path: dir + "/c.jsonl")
        #expect(corpus.passages.map(\.id) == ["x1", "x2", "x3"])
        #expect(corpus.documents.map(\.title) == ["Fever", "Rash"])
        #expect(corpus.references.map(\.text) == ["Src A", "Src B"])
        #expect(corpus.passages[2].citations == [0])
    }

    @Test func sharedEvalCorpusLoads() throws {
        guard let eval = MiniCorpus.evalPath else { return }
        let corpus = try CorpusLoader.load(path: eval + "/corpus.jsonl")
        #expect(corpus.passages.count == 16_825)
    }

    @Test func defaultCorpusLoadsWithEnoughPassages() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        #expect(corpus.documents.count >= 6)
        #expect(corpus.passages.count >= 80)
        #expect(corpus.passages.allSatisfy { !$0.citations.isEmpty })
    }

    // MARK: - Bad input: each names the file and line, and says what to fix.

    @Test func citationWithoutReference() throws {
        let bad = Self.goodDocument.replacingOccurrences(of: "thresholds. [2]", with: "thresholds. [7]")
        let error = try #require(try loadError(["hlh.md": bad]))
        #expect(error.kind == .citationWithoutReference(7))
        #expect(error.description.hasSuffix("hlh.md:15: citation [7] has no reference 7; add it to the References list or fix the number"))
    }

    @Test func passageWithoutCitation() throws {
        let bad = Self.goodDocument.replacingOccurrences(of: "criterion. [1]", with: "criterion.")
        let error = try #require(try loadError(["a.md": bad]))
        #expect(error.kind == .passageWithoutCitation)
        #expect(error.location.line == 8)
    }

    @Test func referenceNeverCited() throws {
        let bad = Self.goodDocument.replacingOccurrences(of: "thresholds. [2]", with: "thresholds. [1]")
            .replacingOccurrences(of: "lines. [1, 2]", with: "lines. [1]")
        let error = try #require(try loadError(["a.md": bad]))
        #expect(error.kind == .referenceNeverCited(2))
        #expect(error.location.line == 20)
    }

    @Test func unterminatedHeader() throws {
        let error = try #require(try loadError(["a.md": "---\ntitle: X\nupdated: 2020-01-01\n\n## S\nText. [1]\n"]))
        #expect(error.kind == .unterminatedHeader)
        #expect(error.location.line == 1)
    }

    @Test func missingHeaderAndKeys() throws {
        #expect(try loadError(["a.md": "## S\nText. [1]\n"])?.kind == .missingHeader)
        #expect(try loadError(["a.md": "---\nupdated: 2020-01-01\n---\n"])?.kind == .missingHeaderKey("title"))
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let dir = try MiniCorpus.folder([:])
        var data = Data(Self.goodDocument.utf8)
        data.append(contentsOf: [0x0A, 0xC3, 0x28, 0x0A])
        try data.write(to: URL(fileURLWithPath: dir + "/bad.md"))
        #expect(throws: CorpusError(.invalidUTF8, at: SourceLocation(file: dir + "/bad.md", line: 21))) {
            try CorpusLoader.load(path: dir)
        }
    }

    @Test func nulBytesAreRefused() throws {
        let error = try #require(try loadError(["a.md": "---\ntitle: X\u{0}\n---\n"]))
        #expect(error.kind == .containsNUL)
        #expect(error.location.line == 2)
    }

    @Test func emptyFileAndEmptyFolder() throws {
        #expect(try loadError(["a.md": ""])?.kind == .emptyFile)
        #expect(try loadError([:])?.kind == .noDocuments)
        #expect(try loadError(["notes.txt": "hello"])?.kind == .noDocuments)
    }

    @Test func missingPath() {
        #expect(throws: CorpusError(.notFound, at: SourceLocation(file: "/nonexistent/x", line: 0))) {
            try CorpusLoader.load(path: "/nonexistent/x")
        }
    }

    @Test func duplicatePassageIDs() throws {
        let error = try #require(try loadError(["c.jsonl": """
            {"id": "x1", "title": "A", "text": "One.", "source": "S"}
            {"id": "x1", "title": "A", "text": "Two.", "source": "S"}
            """], file: "c.jsonl"))
        guard case .duplicatePassageID("x1", let first) = error.kind else { Issue.record("\(error)"); return }
        #expect(first.line == 1)
        #expect(error.location.line == 2)
    }

    @Test func jsonlLineErrors() throws {
        let notJSON = try #require(try loadError(["c.jsonl": "{\"id\": \"a\", \"text\": \"x\", \"source\": \"s\"}\n{\"id\": \"b\", \"te"], file: "c.jsonl"))
        guard case .invalidJSON = notJSON.kind else { Issue.record("\(notJSON)"); return }
        #expect(notJSON.location.line == 2)
        let noText = try #require(try loadError(["c.jsonl": "{\"id\": \"a\", \"source\": \"s\"}"], file: "c.jsonl"))
        #expect(noText.kind == .missingField("text"))
        let wrongType = try #require(try loadError(["c.jsonl": "{\"id\": \"a\", \"text\": 5, \"source\": \"s\"}"], file: "c.jsonl"))
        #expect(wrongType.kind == .wrongType(field: "text", expected: "a string"))
        let array = try #require(try loadError(["c.jsonl": "[1, 2]"], file: "c.jsonl"))
        #expect(array.kind == .invalidJSON("not an object"))
    }

    @Test func sameDocumentTwiceUnderTwoNames() throws {
        let error = try #require(try loadError(["a.md": Self.goodDocument, "b.md": Self.goodDocument]))
        guard case .duplicateDocument = error.kind else { Issue.record("\(error)"); return }
    }
}
