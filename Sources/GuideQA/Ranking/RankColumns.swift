/// One field's posting columns and length norms as raw pointers, for the length of one
/// query (inside `Ranker.withColumns`).
///
/// Why pointers: the ranker's loops credit thousands of postings per query; reading the
/// columns through arrays re-checks bounds and, after every store into the scratch
/// memory, reloads each array's storage address, which cost about as much as the
/// scoring itself.
struct FieldColumns {
    let passages: UnsafePointer<Int32>
    let frequencies: FrequencyBuffer
    let norms: UnsafePointer<Double>
}

extension Ranker {
    /// Calls `body` with both fields' columns, valid until it returns.
    func withColumns<R>(_ body: (_ body: FieldColumns, _ heading: FieldColumns) -> R) -> R {
        Self.withColumns(index.body, bodyNorms) { bodyColumns in
            Self.withColumns(index.heading, headingNorms) { headingColumns in
                body(bodyColumns, headingColumns)
            }
        }
    }

    private static func withColumns<R>(_ field: FieldIndex, _ norms: [Double], _ body: (FieldColumns) -> R) -> R {
        field.postingPassages.withUnsafeBufferPointer { passages in
            field.postingFrequencies.withUnsafeBufferPointer { frequencies in
                norms.withUnsafeBufferPointer { norms in
                    // An empty column may have no address; no range of postings reads it then.
                    body(FieldColumns(passages: passages.baseAddress ?? placeholder(),
                                      frequencies: frequencies,
                                      norms: norms.baseAddress ?? placeholder()))
                }
            }
        }
    }

    private static func placeholder<T>() -> UnsafePointer<T> {
        UnsafePointer(bitPattern: MemoryLayout<T>.alignment).unsafelyUnwrapped
    }
}
