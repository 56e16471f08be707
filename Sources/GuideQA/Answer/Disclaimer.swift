/// The one disclaimer that closes every answer, empty ones included.
public enum Disclaimer {
    public static let text = """
        Passages are extracted from the guideline sources in GuideQA's corpus, each with its \
        reference. For healthcare professionals only: this does not replace clinical judgment. \
        Verify against the primary sources and current practice before use in patient care.
        """
}
