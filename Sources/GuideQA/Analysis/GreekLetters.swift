/// Spells Greek letters out, so that `IFN-γ` and `IFN-gamma` index alike.
enum GreekLetters {
    static let names: [Character: String] = [
        "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
        "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
        "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma",
        "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    ]

    /// Replaces each Greek letter of a lower-cased word by its name. A letter glued to
    /// Latin letters is set off with a hyphen (`tnfα` → `tnf-alpha`), as it is written
    /// in the spelled-out form; `μ` before a unit (`μg`, `μl`, `μmol`) becomes `u`.
    static func spellOut(_ word: String) -> String {
        guard word.contains(where: { names[$0] != nil }) else { return word }
        var out = ""
        let characters = Array(word)
        for (i, c) in characters.enumerated() {
            guard let name = names[c] else {
                out.append(c)
                continue
            }
            let next = i + 1 < characters.count ? characters[i + 1] : nil
            let previous = i > 0 ? characters[i - 1] : nil
            if c == "μ", let next, "glm".contains(next), previous == nil || previous?.isNumber == true {
                out.append("u")
                continue
            }
            if let previous, previous.isLetter, names[previous] == nil { out.append("-") }
            out.append(name)
            if let next, next.isLetter || next.isNumber { out.append("-") }
        }
        return out
    }
}
