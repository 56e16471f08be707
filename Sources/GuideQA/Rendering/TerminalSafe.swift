/// Makes corpus and user text safe to print on a terminal.
///
/// Corpus files and pasted questions may hold escape sequences (colours, cursor moves,
/// OSC 8 links, window titles), bells, backspaces or bidi overrides that would take
/// over the clinician's terminal or disguise text. Every such character becomes a
/// visible placeholder: C0 controls their Unicode "control picture" (ESC → ␛), DEL ␡,
/// C1 controls and bidi overrides U+FFFD. Newlines survive only when asked for.
public enum TerminalSafe {
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: out.append(scalar)
            case 0x09: out.append(" ")
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
