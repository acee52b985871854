"""A network built to test who-can-help search: near-distractors in pairs (two accountants, one for
tax and one for payroll; two lawyers; two mobile developers...), expertise that lives only in the
history (mail subjects, meeting titles, shares), and the questions each should answer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Someone:
    key: str
    name: str
    headline: str = ""
    organization: str = ""
    notes: str = ""
    expertise: tuple[str, ...] = ()
    how_met: str = ""
    history: tuple[str, ...] = ()  # interaction summaries, newest first
    shares: tuple[str, ...] = ()  # knowledge shares received from them
    strength_days: int = 30  # days since the last talk
    talks: int = 3


PEOPLE = [
    Someone(
        "tax",
        "Ines Duarte",
        "Accountant",
        "Duarte & Filhos",
        notes="Files my VAT returns every quarter and answers questions about self-employment.",
        talks=4,
    ),
    Someone(
        "payroll",
        "Paul Okafor",
        "Accountant",
        "Brightpay Ltd",
        notes="Runs payroll for small companies: salaries, pension contributions, PAYE.",
        strength_days=5,
        talks=12,
    ),
    Someone(
        "employment_law",
        "Laura Becker",
        "Lawyer",
        "Becker Legal",
        notes="Employment law: contracts, dismissals, non-compete clauses.",
    ),
    Someone(
        "ip_law",
        "Tom Reyes",
        "Lawyer",
        "Reyes IP",
        notes="Patents and trademarks; registered our logo and handled the opposition.",
        strength_days=3,
        talks=20,
    ),
    Someone(
        "ios",
        "Mei Chen",
        "Mobile developer",
        "Appcraft",
        notes="Builds native iPhone apps in Swift; shipped the banking app.",
    ),
    Someone(
        "android",
        "Arjun Rao",
        "Mobile developer",
        "Droidworks",
        notes="Kotlin and Jetpack Compose; maintains our Android client.",
        strength_days=10,
        talks=9,
    ),
    Someone(
        "k8s_security",
        "Sven Lindqvist",
        "Platform engineer",
        "Nordcloud",
        history=(
            "Re: kubernetes cluster security audit findings",
            "Call: hardening pod security policies",
        ),
    ),
    Someone(
        "k8s_ops",
        "Hana Sato",
        "Platform engineer",
        "Clusterly",
        notes="Runs our kubernetes clusters day to day; on-call rota.",
        strength_days=2,
        talks=30,
    ),
    Someone(
        "hipaa",
        "Grace Owens",
        "Compliance consultant",
        "Owens Advisory",
        history=("Walked us through the HIPAA audit", "Lunch: patient data retention rules"),
    ),
    Someone(
        "gdpr",
        "Pierre Martin",
        "Compliance consultant",
        "Conformité SAS",
        notes="GDPR and data protection impact assessments for European customers.",
        strength_days=8,
        talks=10,
    ),
    Someone(
        "mortgage",
        "Olivia Grant",
        "Financial adviser",
        "Grant Wealth",
        notes="Found us a fixed-rate mortgage when we bought the flat.",
    ),
    Someone(
        "pension",
        "Kwame Mensah",
        "Financial adviser",
        "Mensah Partners",
        notes="Retirement planning and pension transfers.",
        strength_days=15,
        talks=8,
    ),
    Someone(
        "grants",
        "Sofia Rossi",
        "Programme officer",
        "Regional Innovation Agency",
        history=("Re: innovation grant application feedback", "Meeting: R&D subsidy call 2026"),
    ),
    Someone(
        "permits",
        "Henrik Berg",
        "Case officer",
        "City Building Department",
        notes="Handles building permits for the east district.",
        strength_days=40,
    ),
    Someone(
        "medical_licence",
        "Amara Nwosu",
        "Registrar",
        "Medical Council",
        notes="Oversees licence renewals and continuing professional development hours.",
    ),
    Someone(
        "security_cert",
        "Dmitri Volkov",
        "Examiner",
        "Security Certification Board",
        history=("Exam prep call: CISSP domains", "Re: CISSP endorsement form"),
    ),
    Someone(
        "react",
        "Lucia Fernández",
        "Frontend engineer",
        "Pixelwerk",
        notes="React, TypeScript and accessibility reviews.",
        strength_days=6,
        talks=15,
    ),
    Someone(
        "design",
        "Noah Kim",
        "Product designer",
        "Studio Kim",
        notes="User research and Figma prototypes; ran our usability tests.",
    ),
    Someone(
        "pricing",
        "Elena Popescu",
        "Growth advisor",
        "",
        shares=("Pricing page teardown: value-based pricing for SaaS",),
        history=("Coffee: how to raise prices without churn",),
    ),
    Someone(
        "sales",
        "Marcus Webb",
        "Sales coach",
        "Webb Selling",
        notes="Enterprise sales playbooks, cold outreach and negotiation.",
        strength_days=12,
        talks=7,
    ),
    Someone(
        "fundraising",
        "Yara Haddad",
        "Investor",
        "Cedar Ventures",
        history=("Pitch deck review before the seed round", "Intro to two angel investors"),
    ),
    Someone(
        "bookkeeping",
        "Tariq Aziz",
        "Bookkeeper",
        "Ledgerly",
        notes="Monthly bookkeeping, invoices and expense receipts in Xero.",
        strength_days=4,
        talks=14,
    ),
    Someone(
        "translation",
        "Chiara Bianchi",
        "Translator",
        "",
        notes="Translates contracts and marketing copy between Italian, German and English.",
    ),
    Someone(
        "mentor",
        "Ruth Adler",
        "Retired CTO",
        "",
        notes="Mentor: career moves, managing engineering teams, first-time manager advice.",
        strength_days=20,
        talks=11,
    ),
    Someone(
        "recruiter",
        "Jonas Weber",
        "Technical recruiter",
        "Hirewell",
        notes="Hires backend engineers in Berlin; knows salary bands.",
    ),
    Someone(
        "data_science",
        "Priya Nair",
        "Data scientist",
        "Insightful",
        history=("Workshop: churn prediction with gradient boosting", "Re: A/B test sample sizes"),
    ),
    Someone(
        "sre",
        "Owen Price",
        "Site reliability engineer",
        "Uptimer",
        notes="Incident response, SLOs and postmortems.",
        strength_days=7,
        talks=9,
    ),
    Someone(
        "journalist",
        "Fatima Zahra",
        "Tech journalist",
        "The Ledger",
        history=("Interview about our launch", "Re: press embargo for the funding news"),
    ),
    Someone(
        "event_organizer",
        "Bruno Costa",
        "Community organizer",
        "PyLisbon",
        notes="Runs the Python meetup in Lisbon and looks for speakers.",
    ),
    Someone(
        "real_estate",
        "Greta Larsen",
        "Commercial estate agent",
        "Larsen Property",
        notes="Found the new office lease; knows co-working spaces downtown.",
    ),
]


@dataclass(frozen=True)
class Question:
    text: str
    answer: str  # the key of the person who should come first
    kind: str  # lexical, paraphrase, history


QUESTIONS = [
    # Words that are in what the person's record says.
    Question("VAT returns", "tax", "lexical"),
    Question("payroll", "payroll", "lexical"),
    Question("employment contracts and dismissals", "employment_law", "lexical"),
    Question("trademark", "ip_law", "lexical"),
    Question("Swift iPhone app", "ios", "lexical"),
    Question("Kotlin android", "android", "lexical"),
    Question("GDPR data protection", "gdpr", "lexical"),
    Question("mortgage", "mortgage", "lexical"),
    Question("pension transfer", "pension", "lexical"),
    Question("building permit", "permits", "lexical"),
    Question("licence renewal", "medical_licence", "lexical"),
    Question("React accessibility", "react", "lexical"),
    Question("usability tests", "design", "lexical"),
    Question("cold outreach negotiation", "sales", "lexical"),
    Question("Xero bookkeeping", "bookkeeping", "lexical"),
    Question("Italian translation", "translation", "lexical"),
    Question("incident postmortems", "sre", "lexical"),
    Question("office lease", "real_estate", "lexical"),
    # The same needs, said differently.
    Question("someone who knows about taxes on freelance income", "tax", "paraphrase"),
    Question("who can help me pay salaries to my staff", "payroll", "paraphrase"),
    Question("firing an employee legally", "employment_law", "paraphrase"),
    Question("protect our brand name legally", "ip_law", "paraphrase"),
    Question("apple mobile app developer", "ios", "paraphrase"),
    Question("privacy rules for customer data in europe", "gdpr", "paraphrase"),
    Question("home loan", "mortgage", "paraphrase"),
    Question("saving for retirement", "pension", "paraphrase"),
    Question("construction approval from the city", "permits", "paraphrase"),
    Question("keeping my doctor's license valid", "medical_licence", "paraphrase"),
    Question("user interface prototypes", "design", "paraphrase"),
    Question("closing bigger deals with companies", "sales", "paraphrase"),
    Question("bookkeeping receipts", "bookkeeping", "paraphrase"),
    Question("advice on becoming a manager", "mentor", "paraphrase"),
    Question("hiring engineers in Germany", "recruiter", "paraphrase"),
    Question("website outage response", "sre", "paraphrase"),
    Question("find a place to rent for our team", "real_estate", "paraphrase"),
    Question("speaking at a Python meetup", "event_organizer", "paraphrase"),
    # Expertise that lives only in the history: mail subjects, meeting titles, shares.
    Question("kubernetes security audit", "k8s_security", "history"),
    Question("HIPAA", "hipaa", "history"),
    Question("innovation grant", "grants", "history"),
    Question("CISSP certification", "security_cert", "history"),
    Question("how to price our SaaS product", "pricing", "history"),
    Question("seed round pitch deck", "fundraising", "history"),
    Question("predicting churn with machine learning", "data_science", "history"),
    Question("press coverage for our launch", "journalist", "history"),
    Question("health data compliance", "hipaa", "history"),
    Question("public funding for research and development", "grants", "history"),
]

# Paraphrases written after the thesaurus (tiebook/search/thesaurus.py) was, and kept out of its
# making: how search does on needs said in words nobody prepared for.
UNSEEN = [
    Question("quarterly sales tax filings", "tax", "paraphrase"),
    Question("staff wages every month", "payroll", "paraphrase"),
    Question("someone to review my employment agreement", "employment_law", "paraphrase"),
    Question("register a logo", "ip_law", "paraphrase"),
    Question("app for android phones", "android", "paraphrase"),
    Question("cookie consent and privacy for EU users", "gdpr", "paraphrase"),
    Question("buying an apartment", "mortgage", "paraphrase"),
    Question("planning to stop working at 60", "pension", "paraphrase"),
    Question("knows the people at the city planning office", "permits", "paraphrase"),
    Question("javascript developer for our web app", "react", "paraphrase"),
    Question("make our app easier to use", "design", "paraphrase"),
    Question("how to charge more for our software", "pricing", "paraphrase"),
    Question("raising money from investors", "fundraising", "paraphrase"),
    Question("forecasting which customers will leave", "data_science", "paraphrase"),
    Question("talk to the media about our product", "journalist", "paraphrase"),
    Question("translate a contract into German", "translation", "paraphrase"),
    Question("guidance for leading a team for the first time", "mentor", "paraphrase"),
    Question("recovering when the servers go down", "sre", "paraphrase"),
    Question("office space downtown", "real_estate", "paraphrase"),
    Question("organise a tech talk in Portugal", "event_organizer", "paraphrase"),
]


def build(owner) -> dict[str, int]:
    """The network above, written through the services; returns each key's person id. Everyone
    gets a mild, ordinary history too ('Coffee', 'Catch-up call') so history alone does not
    single anyone out."""
    from tests.factories import log, make_person
    from tiebook.interactions.shares import ShareInput, share_log

    ids = {}
    for s in PEOPLE:
        person = make_person(
            owner,
            s.name,
            headline=s.headline,
            organization=s.organization or None,
            notes=s.notes,
            expertise=list(s.expertise),
            how_met=s.how_met,
            added_days_ago=400,
        )
        ids[s.key] = person.pk
        for n in range(s.talks):
            log(
                owner,
                person,
                "Catch-up call" if n % 2 else "Coffee",
                days_ago=s.strength_days + 20 * n,
            )
        for n, line in enumerate(reversed(s.history)):
            log(owner, person, line, kind="email", days_ago=s.strength_days + 1 + n)
        for title in s.shares:
            share_log(owner=owner, people=[person], data=ShareInput(title=title, received=True))
    return ids
