/// Where the bytes of an index file go as they are made: a byte array (`IndexFile.encode`)
/// or a file being written atomically (`IndexFile.Encoding.write(to:)`).
///
/// Why not build the file in memory and write it: at a million passages the file is
/// 1.2 GB, and its sections were first made as arrays of their own, then copied into
/// the file's array: two copies of the file beside the index they come from. Streamed,
/// the writer holds one section's small parts at a time; the large columns go out from
/// where the index keeps them.
final class IndexFileOutput {
    private let file: AtomicFile.Output?
    private(set) var bytes: [UInt8] = []
    /// Bytes written so far (the offset of the next one).
    private(set) var count = 0

    /// Collects the bytes in `bytes`.
    init() {
        file = nil
    }

    /// Writes the bytes to an open file.
    init(file: AtomicFile.Output) {
        self.file = file
    }

    func write(_ piece: UnsafeRawBufferPointer) throws(AtomicFile.WriteError) {
        if let file { try file.write(piece) } else { bytes.append(contentsOf: piece) }
        count += piece.count
    }

    /// Zero bytes up to the next multiple of `alignment`.
    func pad(to alignment: Int) throws(AtomicFile.WriteError) {
        let zeros = (alignment - count % alignment) % alignment
        guard zeros > 0 else { return }
        let padding = [UInt8](repeating: 0, count: zeros)
        try withBytes(of: padding) { (raw: UnsafeRawBufferPointer) throws(AtomicFile.WriteError) in try write(raw) }
    }

    /// Replaces bytes written earlier (the header, whose checksums are known last).
    func overwrite(_ piece: UnsafeRawBufferPointer, at offset: Int) throws(AtomicFile.WriteError) {
        precondition(offset + piece.count <= count, "only bytes already written can be overwritten")
        if let file {
            try file.overwrite(piece, at: offset)
        } else {
            for (i, byte) in piece.enumerated() { bytes[offset + i] = byte }
        }
    }
}

/// One section of an index file on its way out: its bytes go to the output as they are
/// made, and its length and XXH64 are counted as they pass (for the section table).
struct IndexFileSectionStream {
    let output: IndexFileOutput
    private var hash = XXH64Stream()

    /// How much a section's encoder gathers before handing it on.
    static let pieceLength = 1 << 20

    init(output: IndexFileOutput) {
        self.output = output
    }

    var length: Int { hash.count }
    var checksum: UInt64 { hash.value }

    /// Bytes that are already in memory (a column of the index), written from where they lie.
    mutating func write(_ piece: UnsafeRawBufferPointer) throws(AtomicFile.WriteError) {
        hash.update(piece)
        try output.write(piece)
    }

    /// Writes what `w` holds and empties it, keeping its capacity for the next piece.
    mutating func drain(_ w: inout IndexFileByteWriter) throws(AtomicFile.WriteError) {
        try withBytes(of: w.bytes) { (raw: UnsafeRawBufferPointer) throws(AtomicFile.WriteError) in try write(raw) }
        w.removeAll()
    }

    /// `drain`, once `w` holds a piece's worth.
    @inline(__always)
    mutating func drainIfFull(_ w: inout IndexFileByteWriter) throws(AtomicFile.WriteError) {
        if w.count >= Self.pieceLength { try drain(&w) }
    }
}
