import DocketCore

/// The demo organisation's rulebook: two versions, so that allegations show the version rule.
public enum DemoRulebook {
    static func clause(
        _ id: String, _ title: String, _ category: String, _ text: String, _ term: String, _ meaning: String,
        breach: String, notBreach: String, allowed: [SanctionKind], guidance: [SanctionKind], timeBar: Int = 365
    ) -> Clause {
        Clause(
            id: id, title: title, text: text, category: category, definitions: [.init(term: term, meaning: meaning)],
            breachExamples: [breach], nonBreachExamples: [notBreach], allowedSanctions: allowed, guidanceSanctions: guidance, timeBarDays: timeBar)
    }

    static let core: [Clause] = [
        clause(
            "2.1", "Bullying and harassment", "bullying", "No member shall bully, harass or intimidate another member or member of the public.",
            "harassment",
            "unwanted conduct that violates a person's dignity or creates an intimidating, hostile, degrading, humiliating or offensive environment",
            breach: "Repeated abusive messages to a branch officer after a selection meeting.",
            notBreach: "Robust disagreement with a motion, expressed in debate.",
            allowed: [.advice, .warning, .training, .suspension], guidance: [.warning, .training]),
        clause(
            "2.2", "Retaliation and victimisation", "retaliation",
            "No member shall subject anyone to a detriment, or threaten to, because they complained, gave evidence or raised a concern, a protected disclosure included.",
            "detriment", "any disadvantage: a complaint, a suspension, exclusion from office or activity, or a threat of any of them",
            breach: "Lodging a complaint against a member a week after she reported the branch treasurer's expenses.",
            notBreach: "Answering the allegations in one's own case, robustly and in good faith.",
            allowed: [.warning, .training, .suspension, .expulsion], guidance: [.suspension, .expulsion], timeBar: 730),
        clause(
            "3.1", "Antisemitism", "antisemitism", "No member shall engage in conduct that is antisemitic.",
            "antisemitism",
            "hostility to, prejudice against or discrimination against Jewish people as Jews, as set out in the organisation's adopted definition",
            breach: "Holding Jewish members collectively responsible for the actions of a foreign government.",
            notBreach: "Criticism of a government's policy in terms that would be applied to any other state.",
            allowed: [.warning, .training, .suspension, .expulsion], guidance: [.training, .suspension, .expulsion], timeBar: 730),
        clause(
            "3.2", "Islamophobia", "islamophobia", "No member shall engage in conduct that is Islamophobic.",
            "Islamophobia", "hostility, prejudice or discrimination directed at Muslims or those perceived to be Muslim",
            breach: "Sharing material describing Muslims as a threat to the country.",
            notBreach: "Discussion of a religious doctrine without hostility to its adherents.",
            allowed: [.warning, .training, .suspension, .expulsion], guidance: [.training, .suspension, .expulsion], timeBar: 730),
        clause(
            "3.3", "Anti-Black racism", "anti_black_racism", "No member shall engage in conduct that is racist towards Black people.",
            "anti-Black racism", "prejudice, hostility or discrimination directed at Black people, including stereotypes and exclusion",
            breach: "Racist remarks about a Black councillor's fitness for office.",
            notBreach: "Disagreeing with a Black colleague's policy proposal on its merits.",
            allowed: [.warning, .training, .suspension, .expulsion], guidance: [.training, .suspension, .expulsion], timeBar: 730),
        clause(
            "3.4", "Misogyny and sexual harassment", "misogyny", "No member shall engage in misogynistic conduct or sexual harassment.",
            "sexual harassment", "unwanted conduct of a sexual nature with the purpose or effect of violating dignity",
            breach: "Unwanted sexual comments to a young member at a conference social.",
            notBreach: "A courteous, accepted invitation between colleagues.",
            allowed: [.warning, .training, .suspension, .expulsion], guidance: [.suspension, .expulsion], timeBar: 730),
    ]

    static let online = clause(
        "4.1", "Abuse online", "online_abuse", "No member shall use social media to abuse, threaten or dox any person.",
        "doxing", "publishing private information about a person without consent to expose them to harm",
        breach: "Posting a member's home address with a call to 'visit' them.",
        notBreach: "Quoting a public statement by an elected representative.",
        allowed: [.advice, .warning, .training, .suspension], guidance: [.advice, .warning], timeBar: 365)

    public static let versions: [RulebookVersion] = [
        RulebookVersion(version: "2023", effectiveFrom: Day("2023-01-01")!, clauses: core),
        RulebookVersion(version: "2025", effectiveFrom: Day("2025-07-01")!, clauses: core + [online]),
    ]
}

/// Names for the synthetic register: varied, and unmistakably made up when put together.
enum DemoNames {
    static let first = [
        "Aisha", "Ben", "Chloe", "Daniel", "Efua", "Farid", "Grace", "Hamza", "Isla", "Jacob", "Kemi", "Liam", "Maya",
        "Noah", "Olu", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zara",
        "Miriam", "David", "Fatima", "Kwame", "Siobhan", "Tomasz", "Leah", "Arjun", "Nadia", "Owen",
    ]
    static let last = [
        "Abbott", "Begum", "Cohen", "Davies", "Evans", "Fraser", "Goldberg", "Hussain", "Ibrahim", "Jones", "Khan",
        "Levy", "Mensah", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Singh", "Taylor", "Uddin", "Vaughan",
        "Williams", "Xu", "Young", "Zielinski", "Adeyemi", "Brennan", "Chaudhry", "Dlamini",
    ]
}
