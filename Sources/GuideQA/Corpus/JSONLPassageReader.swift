/// Reads a JSONL corpus: one passage per line, `{"id","title","text","source"}`.
///
/// `source` is the passage's single reference; `title` is optional (the id stands in).
/// Blank lines are skipped; anything else that is not a JSON object with string
/// fields stops loading at that line, naming it.
struct JSONLPassageReader {
    let file: String

    /// Reads a mapped file, giving its pages back a slice at a time as the lines are read:
    /// the passages are copied out of it, so it need not stay resident.
    func read(_ text: TextFile.MappedText, into builder: inout CorpusBuilder) throws(CorpusError) {
        try text.withBytes { (bytes: UnsafeBufferPointer<UInt8>) throws(CorpusError) in
            try read(bytes, into: &builder, consumed: text.release)
        }
    }

    /// - Parameter consumed: handed each stretch of bytes (about 4 MB, whole lines) once read.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, into builder: inout CorpusBuilder,
              consumed: (Range<Int>) -> Void) throws(CorpusError) {
        var lineNumber = 0
        var start = 0
        var unreleased = 0
        while start < bytes.count {
            if start - unreleased >= TextFile.MappedText.sliceLength {
                consumed(unreleased..<start)
                unreleased = start
            }
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            try readLine(line, location: SourceLocation(file: file, line: lineNumber), into: &builder)
        }
    }

    private func readLine(_ line: UnsafeBufferPointer<UInt8>, location: SourceLocation,
                          into builder: inout CorpusBuilder) throws(CorpusError) {
        let object: [String: FlatJSON.Value]
        do {
            object = try FlatJSON.parseObject(line)
        } catch {
            throw CorpusError(.invalidJSON(error.message), at: location)
        }
        let id = try field("id", in: object, at: location)
        let text = try field("text", in: object, at: location)
        let source = try field("source", in: object, at: location)
        let title = try object["title"] == nil ? id : field("title", in: object, at: location)
        try builder.addPassage(id: id, title: title, text: text, source: source, location: location)
    }

    private func field(_ name: String, in object: [String: FlatJSON.Value], at location: SourceLocation) throws(CorpusError) -> String {
        switch object[name] {
        case nil: throw CorpusError(.missingField(name), at: location)
        case .other: throw CorpusError(.wrongType(field: name, expected: "a string"), at: location)
        case .string(let value):
            guard !value.allSatisfy(\.isWhitespace) else { throw CorpusError(.emptyField(name), at: location) }
            return value
        }
    }
}
