/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's constants): a tiny PRNG whose output
/// is fixed by its seed on every machine and Swift version, unlike the standard
/// library's generators. The synthetic corpora depend on nothing else.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), exactly representable (53 random bits): no rounding that
    /// could differ between machines.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound (Lemire's multiply-shift; the tiny bias is irrelevant here
    /// and, above all, identical everywhere).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }
}
