/// English function words that carry no topic: dropped from documents and questions.
///
/// The Snowball English list, plus the question words clinicians type ("what",
/// "how", "which") that would otherwise match prose everywhere. Negations ("no",
/// "not") are dropped too: a bag-of-words ranker cannot use them, and keeping them
/// only adds noise. A dropped word still takes a position, so phrase distance stays true.
enum Stopwords {
    static let english: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
        "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
        "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
        "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "of", "off", "on",
        "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
        "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
        "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
        "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        "yourself", "yourselves", "also", "may", "might", "must", "shall", "whose",
        "dont", "doesnt", "isnt", "arent", "cant", "wont", "tell", "please", "yes",
    ]

    static func contains(_ word: String) -> Bool { english.contains(word) }
}
