"""What a typical person of each connection type looks like in the demo, and the words used."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeProfile:
    weight: float  # how common the type is as someone's main type
    strength: float  # mean latent tie strength, 0..1
    sector: str  # where they work: employer, company, consultancy, accounting, university...
    no_org: float  # chance of having no organisation on file
    headlines: tuple[str, ...]
    kinds: tuple[str, ...]  # interaction kinds, repeated to weight them
    topics: tuple[str, ...]
    how_met: tuple[str, ...]  # may use {org}, {year}, {event}
    expertise: tuple[str, ...]
    also: tuple[str, ...] = ()  # plausible second types


_WORK = ("meeting", "meeting", "message", "message", "email", "call", "meal")
_OUTSIDE = ("email", "email", "call", "meeting", "message")
_FORMAL = ("email", "email", "email", "call", "meeting")
_PERSONAL = ("meal", "meal", "message", "message", "call", "event", "meeting")

# fmt: off
PROFILES: dict[str, TypeProfile] = {
    "direct_supervisor": TypeProfile(
        weight=5, strength=0.68, sector="employer", no_org=0.0,
        headlines=("Engineering Manager", "Head of Product", "Director of Operations",
                   "Team Lead, Platform", "Head of Data", "VP Product"),
        kinds=(*_WORK, "meeting"),
        topics=("my quarterly goals", "the team reorg", "the promotion case",
                "next quarter's roadmap", "hiring for the platform team",
                "my performance review", "the on-call rotation"),
        how_met=("My manager at {org}", "Team lead when I joined {org}"),
        expertise=("people management", "roadmapping", "hiring", "budgeting"),
        also=("mentor", "friend"),
    ),
    "colleague": TypeProfile(
        weight=24, strength=0.5, sector="employer", no_org=0.0,
        headlines=("Senior Software Engineer", "Product Designer", "Data Analyst",
                   "Backend Developer", "QA Engineer", "Product Manager",
                   "Site Reliability Engineer", "Data Engineer"),
        kinds=_WORK,
        topics=("the data platform migration", "the checkout redesign", "the API deprecation",
                "the flaky test suite", "the incident postmortem",
                "the search relevance project", "the launch checklist", "code review habits",
                "the design system"),
        how_met=("Worked together at {org}", "Same team at {org}",
                 "Paired on a project at {org}"),
        expertise=("Python", "Kubernetes", "data engineering", "React", "testing", "SQL",
                   "observability", "API design", "UX research"),
        also=("friend", "interdepartmental"),
    ),
    "interdepartmental": TypeProfile(
        weight=12, strength=0.35, sector="employer", no_org=0.0,
        headlines=("Marketing Manager", "IT Support Lead", "Finance Business Partner",
                   "HR Generalist", "Sales Engineer", "Legal Counsel",
                   "Customer Success Manager"),
        kinds=_WORK,
        topics=("the campaign launch", "laptop refresh for the team", "the budget forecast",
                "new hire onboarding", "the pricing page copy", "the vendor contract",
                "access requests"),
        how_met=("Cross-team project at {org}", "Met during onboarding at {org}"),
        expertise=("marketing", "procurement", "employment law", "sales", "IT operations"),
        also=("friend", "colleague"),
    ),
    "consultant": TypeProfile(
        weight=7, strength=0.35, sector="consultancy", no_org=0.1,
        headlines=("Security Consultant", "Management Consultant", "Cloud Architect",
                   "UX Research Consultant", "Data Protection Advisor"),
        kinds=_OUTSIDE,
        topics=("the security audit findings", "the cloud cost review",
                "the architecture review", "the GDPR assessment",
                "the usability study results"),
        how_met=("Brought in for an audit in {year}", "Recommended by a colleague in {year}"),
        expertise=("security", "cloud architecture", "GDPR", "operating models",
                   "UX research"),
        also=("contractor", "mentor"),
    ),
    "contractor": TypeProfile(
        weight=7, strength=0.35, sector="company", no_org=0.5,
        headlines=("Freelance Frontend Developer", "Independent Technical Writer",
                   "Contract Data Engineer", "Freelance Illustrator",
                   "Freelance Video Producer"),
        kinds=_OUTSIDE,
        topics=("the website rebuild", "the next milestone", "the documentation sprint",
                "the illustration brief", "the statement of work", "the handover plan"),
        how_met=("Hired for a project in {year}", "Found through a freelance network in {year}"),
        expertise=("frontend", "technical writing", "illustration", "video", "ETL"),
        also=("consultant", "friend"),
    ),
    "financial_expert": TypeProfile(
        weight=4, strength=0.3, sector="accounting", no_org=0.05,
        headlines=("Tax Advisor", "Chartered Accountant", "Audit Partner", "Financial Planner",
                   "Bookkeeper"),
        kinds=_FORMAL,
        topics=("the quarterly VAT filing", "the audit timeline", "my tax return",
                "the pension plan options", "the expense policy", "the year-end close"),
        how_met=("Recommended by a friend for taxes in {year}", "Our auditor since {year}"),
        expertise=("tax", "audit", "financial planning", "bookkeeping"),
        also=("consultant",),
    ),
    "government_body": TypeProfile(
        weight=1.5, strength=0.15, sector="agency", no_org=0.0,
        headlines=("Inspector", "Caseworker", "Policy Officer", "Compliance Officer",
                   "Senior Auditor"),
        kinds=_FORMAL,
        topics=("the site inspection follow-up", "the safety report",
                "the permit application", "the data protection inquiry",
                "the import paperwork", "the new reporting rules"),
        how_met=("Site inspection in {year}", "Permit application in {year}"),
        expertise=("regulation", "workplace safety", "public procurement"),
    ),
    "licensing_authority": TypeProfile(
        weight=1.5, strength=0.12, sector="board", no_org=0.0,
        headlines=("Registrar", "Licensing Officer", "Credentials Coordinator",
                   "Examinations Manager"),
        kinds=_FORMAL,
        topics=("my licence renewal", "continuing-education hours", "the exam schedule",
                "the certification audit", "the ethics module", "the registration fee"),
        how_met=("Licence renewal in {year}", "Certification exam in {year}"),
        expertise=("licensing", "professional standards"),
    ),
    "mentor": TypeProfile(
        weight=5, strength=0.65, sector="company", no_org=0.05,
        headlines=("VP Engineering", "CTO", "Founder & CEO", "Principal Engineer", "Partner",
                   "Chief Product Officer"),
        kinds=(*_WORK, "call"),
        topics=("whether to go for a staff role", "negotiating the offer",
                "growing into management", "my conference talk proposal",
                "writing a strategy doc", "building a network outside work"),
        how_met=("Mentoring programme in {year}", "Met at {event}", "Former manager's manager"),
        expertise=("leadership", "strategy", "fundraising", "career growth", "public speaking"),
        also=("friend", "educator"),
    ),
    "educator": TypeProfile(
        weight=5, strength=0.25, sector="university", no_org=0.05,
        headlines=("Professor of Computer Science", "Lecturer in Statistics",
                   "Associate Professor of Economics", "Bootcamp Instructor",
                   "Professor of Design"),
        kinds=_OUTSIDE,
        topics=("a recommendation letter", "the guest lecture", "the alumni mentoring scheme",
                "their new research", "a part-time master's", "the capstone project"),
        how_met=("Their course at {org}", "Thesis supervisor at {org}"),
        expertise=("statistics", "machine learning", "economics", "design research",
                   "teaching"),
        also=("mentor",),
    ),
    "family": TypeProfile(
        weight=6, strength=0.6, sector="company", no_org=0.4,
        headlines=("Civil Engineer", "Nurse", "Teacher", "Architect", "Retired Accountant",
                   "Pharmacist", "Electrician", "Software Developer"),
        kinds=_PERSONAL,
        topics=("Grandma's birthday", "the summer holiday plans", "their new job",
                "the house move", "my career change", "the family reunion"),
        how_met=("Family", "Cousin", "Sibling", "In-law"),
        expertise=("construction", "healthcare", "education"),
        also=("friend",),
    ),
    "friend": TypeProfile(
        weight=19, strength=0.55, sector="company", no_org=0.2,
        headlines=("Staff Engineer", "Startup Founder", "Data Scientist", "UX Designer",
                   "Product Lead", "Developer Advocate", "Journalist", "Photographer"),
        kinds=_PERSONAL,
        topics=("their new startup", "the job market", "a side project", "the climbing trip",
                "their move abroad", "burnout and rest", "book club picks"),
        how_met=("Met at {event}", "University friends", "Neighbours", "Climbing club"),
        expertise=("product", "data science", "community building", "writing", "design"),
        also=("colleague", "mentor"),
    ),
}

SUMMARIES: dict[str, tuple[str, ...]] = {
    "meeting": ("Meeting about {t}", "Coffee about {t}", "Walked through {t}", "Sync on {t}"),
    "call": ("Call about {t}", "Quick call on {t}", "Video call to catch up on {t}"),
    "message": ("Messaged about {t}", "Chat about {t}", "Short message about {t}"),
    "email": ("Emailed about {t}", "Email thread on {t}", "Replied about {t}"),
    "meal": ("Lunch to talk about {t}", "Dinner; caught up on {t}", "Breakfast chat about {t}"),
    "event": ("Ran into them at {e}", "Both at {e}", "Saw their talk at {e}"),
    "note": ("Note: talked about {t}", "Note: they mentioned {t}", "Note: follow up on {t}"),
}

EVENTS: tuple[str, ...] = (
    "the Lisbon Data Summit", "a platform engineering meetup", "the alumni reunion",
    "a product management workshop", "the industry awards dinner", "an open-source sprint",
    "a fintech breakfast panel", "the regional safety conference", "a design systems meetup",
    "a leadership retreat",
)

# Inside the workplace, a department and a role that belongs to it.
DEPARTMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "direct_supervisor": {
        "Engineering": ("Engineering Manager", "Team Lead, Platform"),
        "Product": ("Head of Product", "VP Product"),
        "Data": ("Head of Data",),
        "Operations": ("Director of Operations",),
    },
    "colleague": {
        "Engineering": ("Senior Software Engineer", "Backend Developer", "QA Engineer",
                        "Site Reliability Engineer"),
        "Product": ("Product Manager",),
        "Data": ("Data Analyst", "Data Engineer"),
        "Design": ("Product Designer", "UX Researcher"),
    },
    "interdepartmental": {
        "Marketing": ("Marketing Manager",), "IT": ("IT Support Lead",),
        "Finance": ("Finance Business Partner",), "People": ("HR Generalist",),
        "Sales": ("Sales Engineer",), "Legal": ("Legal Counsel",),
        "Customer Success": ("Customer Success Manager",),
    },
}

GAVE_TITLES: tuple[str, ...] = (
    "Intro to our audit partner", "Slides from my talk on data contracts",
    "Referral to a tax advisor", "My notes from the platform offsite", "Feedback on their CV",
    "Intro to a hiring manager I know", "A reading list on systems thinking",
    "Template for a one-page strategy", "Reviewed their conference talk",
    "Checklist for a licence renewal",
)
RECEIVED_TITLES: tuple[str, ...] = (
    "Intro to a fractional CFO", "Their salary benchmarking spreadsheet",
    "Advice on negotiating the offer", "Reading list on distributed systems",
    "Contact at the permit office", "Feedback on my portfolio",
    "Recording of their workshop on pricing", "Intro to a recruiter they trust",
)
SHARE_TOPICS: tuple[str, ...] = (
    "hiring", "careers", "data", "finance", "compliance", "design", "leadership", "engineering",
)

I_OWE: tuple[str, ...] = (
    "Send the deck from the offsite", "Introduce them to someone in fintech",
    "Share my notes on the migration", "Review their CV", "Send the book I promised",
    "Reply about the speaking slot", "Write them a recommendation",
)
THEY_OWE: tuple[str, ...] = (
    "Send the audit checklist", "Intro to their head of data", "Share the salary benchmark",
    "Confirm the inspection date", "Send the renewal form", "Return feedback on my draft",
)

TAGS: tuple[str, ...] = (
    "conference-{year}", "alumni", "hiring", "investor", "speaker", "open-source", "job-search",
    "book-club", "meetup", "reference", "board", "remote",
)

NOTES: tuple[str, ...] = (
    "Prefers email over calls.", "Great at untangling org politics.",
    "Two kids; ask about their football.", "Vegetarian; remember for lunches.",
    "Happy to be a reference.", "Splits the year between two cities.",
    "Runs a local meetup.", "Writes a newsletter worth reading.",
)
# fmt: on
