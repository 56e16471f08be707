/// The few real words the synthetic corpus uses; everything else is made up.
enum SyntheticWordLists {
    /// English function words, most frequent first (rough order of the Brown corpus).
    static let function = [
        "the", "of", "and", "to", "in", "a", "is", "for", "with", "or", "be", "that", "as", "are", "by",
        "on", "may", "not", "it", "this", "from", "at", "an", "should", "can", "have", "which", "if",
        "was", "were", "been", "has", "but", "other", "than", "more", "also", "these", "after", "all",
        "when", "who", "such", "there", "into", "their", "its", "most", "some", "any", "between", "each",
        "during", "about", "how", "what", "because", "does", "do", "they",
    ]

    /// Real clinical words, woven into the frequent part of the vocabulary.
    static let medical = [
        "patients", "treatment", "disease", "risk", "dose", "therapy", "clinical", "blood", "infection",
        "children", "adults", "symptoms", "diagnosis", "care", "pain", "cancer", "cells", "drug", "pressure",
        "heart", "acute", "chronic", "severe", "mild", "hospital", "daily", "tablet", "injection", "oral",
        "intravenous", "hours", "weeks", "months", "years", "age", "women", "men", "pregnancy", "kidney",
        "liver", "lung", "brain", "skin", "bone", "muscle", "nerve", "fever", "cough", "fatigue", "nausea",
        "vomiting", "diarrhea", "rash", "headache", "seizure", "stroke", "diabetes", "insulin", "glucose",
        "asthma", "inhaler", "antibiotic", "antibiotics", "vaccine", "vaccination", "virus", "bacteria",
        "tumor", "surgery", "radiation", "chemotherapy", "screening", "test", "tests", "imaging", "biopsy",
        "prognosis", "mortality", "incidence", "prevalence", "guideline", "recommendation", "evidence",
        "trial", "randomized", "placebo", "outcome", "outcomes", "adverse", "effects", "monitoring",
        "follow", "referral", "emergency", "intensive", "oxygen", "ventilation", "sepsis", "shock",
        "anemia", "hemoglobin", "platelets", "bleeding", "anticoagulation", "warfarin", "heparin",
        "aspirin", "statin", "cholesterol", "hypertension", "obesity", "weight", "diet", "exercise",
        "smoking", "alcohol", "depression", "anxiety", "dementia", "delirium", "sleep", "genetic",
        "mutation", "inherited", "gene", "protein", "enzyme", "hormone", "thyroid", "adrenal", "pituitary",
        "immune", "antibody", "allergy", "anaphylaxis", "epinephrine", "steroid", "prednisone",
        "inflammation", "arthritis", "osteoporosis", "fracture", "spine", "joint", "eye", "vision", "ear",
        "hearing", "mouth", "teeth", "throat", "stomach", "intestine", "colon", "bowel", "urine", "bladder",
        "prostate", "breast", "ovary", "uterus", "testis", "placenta", "newborn", "infant", "neonatal",
        "pediatric", "elderly", "frailty", "falls", "pneumonia", "tuberculosis", "hepatitis", "hiv",
        "malaria", "influenza", "covid", "measles", "meningitis", "encephalitis", "lymphoma", "leukemia",
        "melanoma", "carcinoma", "sarcoma", "metastasis", "remission", "relapse", "palliative", "opioid",
        "morphine", "paracetamol", "ibuprofen", "nsaid", "contraindicated", "contraindication",
        "interaction", "renal", "hepatic", "cardiac", "pulmonary", "neurological", "psychiatric",
        "systemic", "topical", "subcutaneous", "intramuscular", "infusion", "bolus", "titrate",
        "maintenance", "loading", "prophylaxis", "prevention", "rehabilitation", "physiotherapy",
        "nutrition", "supplement", "vitamin", "iron", "calcium", "potassium", "sodium", "magnesium",
        "electrolyte", "dehydration", "fluid", "transfusion", "dialysis", "transplant", "rejection",
        "biomarker", "troponin", "creatinine", "lactate", "procalcitonin", "culture", "sensitivity",
        "specificity", "ultrasound", "radiograph", "tomography", "resonance", "echocardiography",
        "electrocardiogram", "arrhythmia", "fibrillation", "tachycardia", "bradycardia", "infarction",
        "ischemia", "thrombosis", "embolism", "aneurysm", "syndrome", "deficiency", "disorder",
    ]

    /// Last word of a synthetic condition's name ("Kazemo tibuna syndrome").
    static let conditions = [
        "disease", "syndrome", "deficiency", "disorder", "infection", "carcinoma", "anemia", "fever",
        "dystrophy", "neuropathy", "myopathy", "dermatitis", "arthritis", "nephritis", "hepatitis",
    ]

    /// Question openings and closings; the passage's own words go in between.
    static let questionTemplates: [(String, String)] = [
        ("What is the role of", "in"), ("How is", "treated in"), ("What are the", "of"),
        ("Is", "used for"), ("What causes", "in"), ("How common is", "with"), ("When is", "given for"),
    ]

    static let units = ["mg", "mL", "kg", "mmol/L", "%", "mg/kg", "days"]
}
