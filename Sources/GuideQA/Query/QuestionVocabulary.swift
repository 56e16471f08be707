/// Words that say what kind of question is asked, not what it is about.
///
/// "How is it treated?" names no topic: `treated` asks for the treatment of whatever
/// the conversation is about. A question whose remaining words are all of this kind
/// is a follow-up. These are words of clinical English, not of any one corpus.
enum QuestionVocabulary {
    static let generic: [String] = [
        "symptom", "symptoms", "sign", "signs", "feature", "features", "presentation", "present",
        "treat", "treated", "treating", "treatment", "treatments", "therapy", "therapies", "manage",
        "managed", "management", "diagnose", "diagnosed", "diagnosis", "diagnostic", "test", "tests",
        "testing", "cause", "causes", "caused", "risk", "risks", "prevent", "prevented", "prevention",
        "inherit", "inherited", "inheritance", "genetic", "genetics", "gene", "genes", "change",
        "changes", "related", "relate", "prognosis", "outlook", "complication", "complications",
        "frequency", "frequent", "common", "many", "people", "person", "affect", "affected",
        "affects", "happen", "happens", "get", "information", "know", "known", "need", "help",
        "expect", "research", "study", "studies", "trial", "trials", "clinical", "type", "types",
        "stage", "stages", "drug", "drugs", "medication", "medications", "medicine", "dose", "doses",
        "dosing", "first", "line", "criteria", "criterion", "score", "scoring", "condition",
        "conditions", "disease", "diseases", "disorder", "disorders", "problem", "problems", "long",
        "term", "effect", "effects", "side", "work", "works", "mean", "means", "meaning", "use",
        "used", "difference", "differences", "differ", "different", "compare", "compared", "versus",
        "vs", "adult", "adults", "child", "children", "pediatric", "biomarker", "biomarkers",
        "marker", "markers", "level", "levels", "grade", "grades", "grading", "define", "defined",
        "definition", "option", "options", "recommend", "recommended", "recommendation", "best",
        "approach", "initial", "early", "later", "next", "step", "steps", "monitor", "monitoring",
        "lab", "labs", "laboratory", "finding", "findings", "look", "like", "happen", "still",
        "patient", "patients", "cure", "cured", "curable", "treatable", "serious", "dangerous",
        "fatal", "deadly", "contagious", "spread", "support", "care", "trigger", "triggers",
        "triggered", "second", "third", "detail", "details", "explain", "describe", "overview",
    ]

    /// Words that point back at an earlier topic ("it", "this condition").
    static let anaphors: Set<String> = [
        "it", "its", "it's", "they", "them", "their", "theirs", "this", "these", "those",
        "he", "she", "him", "her", "his", "hers", "former", "latter",
    ]

    /// Openings of a question that continue the previous one ("And in adults?").
    static let continuations: [[String]] = [
        ["and"], ["what", "about"], ["how", "about"], ["also"], ["then"], ["same", "for"], ["and", "in"],
    ]
}
