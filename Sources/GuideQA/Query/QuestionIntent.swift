/// What kind of answer a question asks for, and the words such answers use.
///
/// "What is the outlook for dermatomyositis?" is answered by a passage that says
/// "most cases respond to therapy", not by one that repeats "outlook". Each intent
/// maps the words that ask for it to the words that typically answer it; the planner
/// adds the latter at a low weight. The lexicon is clinical English, not any corpus's:
/// the same intents run through every guideline and patient-information text.
enum QuestionIntent {
    struct Rule {
        /// Any of these (as analyzed) in the question triggers the rule.
        let triggers: [String]
        /// Words that answers of this kind use.
        let answerWords: [String]
    }

    /// "What is X?" asks for a definition; its words are stopwords, so this intent is
    /// recognized from the question's opening words rather than its terms.
    static let definitionOpenings: [[String]] = [
        ["what", "is"], ["what", "are"], ["what's"], ["define"], ["definition"], ["meaning"], ["what", "does"],
    ]

    /// Words that definitions use.
    static let definitionWords = ["defined", "characterized", "condition", "disorder", "disease", "type", "refers", "term", "group"]

    static let rules: [Rule] = [
        Rule(triggers: ["symptom", "symptoms", "sign", "signs", "present", "presentation", "feature", "features"],
             answerWords: ["signs", "symptoms", "include", "features", "characterized", "experience"]),
        Rule(triggers: ["treat", "treated", "treatment", "treatments", "therapy", "therapies", "manage", "management", "cure"],
             answerWords: ["treatment", "therapy", "management", "medication", "drugs", "surgery", "options"]),
        Rule(triggers: ["diagnose", "diagnosed", "diagnosis", "diagnostic", "test", "tests", "detect", "criteria"],
             answerWords: ["diagnosis", "tests", "exam", "examination", "biopsy", "imaging", "procedures", "detect"]),
        Rule(triggers: ["outlook", "prognosis", "survival", "expectancy"],
             answerWords: ["prognosis", "outlook", "survival", "recovery", "chance", "respond", "course"]),
        Rule(triggers: ["cause", "causes", "caused", "why"],
             answerWords: ["cause", "caused", "causes", "mutations", "result", "due"]),
        Rule(triggers: ["inherit", "inherited", "inheritance", "hereditary"],
             answerWords: ["inherited", "inheritance", "autosomal", "recessive", "dominant", "pattern", "copies", "parents"]),
        Rule(triggers: ["genetic", "gene", "genes", "mutation", "mutations"],
             answerWords: ["mutations", "gene", "genes", "protein", "variants"]),
        Rule(triggers: ["many", "frequency", "common", "prevalence", "incidence", "affected", "affect", "affects"],
             answerWords: ["affects", "prevalence", "incidence", "estimated", "rare", "common", "worldwide", "individuals", "occurs"]),
        Rule(triggers: ["prevent", "prevention", "prevented", "avoid"],
             answerWords: ["prevent", "prevention", "avoid", "reduce", "vaccine", "protect"]),
        Rule(triggers: ["risk", "risks"],
             answerWords: ["risk", "factors", "increase", "likely", "chance"]),
        Rule(triggers: ["research", "trials", "trial", "studies", "study"],
             answerWords: ["research", "trials", "studies", "investigators", "clinical", "supports"]),
        Rule(triggers: ["stage", "stages", "staging"],
             answerWords: ["stage", "stages", "staging", "spread"]),
        Rule(triggers: ["complication", "complications"],
             answerWords: ["complications", "lead", "damage", "problems"]),
    ]
}
