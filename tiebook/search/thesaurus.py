"""The broader words a professional term stands for, so that asking about 'taxes' finds the note
that says 'VAT returns' and asking about 'privacy' finds 'GDPR'.

Each entry maps a specific word or phrase (folded, as the index stores words) to the broader
words it implies. The index adds those words beside the original ones (never in its place), and
only in that direction: a question about VAT does not bring back every tax adviser. Add entries
freely; `tiebook reindex` applies them to a network indexed before."""

from __future__ import annotations

_BROADER_TEXT = """
vat: tax
value added tax: vat tax
gst: tax
sales tax: tax
income tax: tax income
paye: payroll tax
tax return: tax
tax returns: tax
self employment: freelance
self employed: freelance
freelancer: freelance
freelancing: freelance
sole trader: freelance
contractor: freelance
bookkeeping: accounting
bookkeeper: accounting
accountant: accounting
cpa: accountant accounting
audit: accounting compliance
payroll: salary wages employees
salaries: salary wages
pension: retirement
pensions: retirement
401k: retirement
ira: retirement
mortgage: loan home property
mortgages: loan home property
invoice: billing
invoices: billing
xero: accounting
quickbooks: accounting
seed round: fundraising investment
series a: fundraising investment
angel: investor fundraising
angels: investor fundraising
venture capital: investor fundraising
vc: investor fundraising
pitch deck: fundraising investor
grant: funding
grants: funding
subsidy: funding
subsidies: funding
r d: research development
lawyer: legal law
attorney: legal law lawyer
solicitor: legal law lawyer
employment law: legal employee
dismissal: firing termination employee
dismissals: firing termination employee
layoff: firing termination
redundancy: firing termination
non compete: contract employee
trademark: brand intellectual property legal
trademarks: brand intellectual property legal
patent: intellectual property invention legal
patents: intellectual property invention legal
copyright: intellectual property legal
gdpr: privacy data protection europe compliance regulation
ccpa: privacy data protection compliance regulation
hipaa: health medical privacy data compliance regulation
patient: health medical
soc 2: security compliance audit
iso 27001: security compliance audit
cissp: security certification
cism: security certification
oscp: security certification
pentest: security
penetration test: security
kubernetes: containers cloud infrastructure
k8s: kubernetes containers cloud infrastructure
docker: containers
aws: cloud infrastructure
azure: cloud infrastructure
gcp: cloud infrastructure
terraform: infrastructure cloud
sre: reliability operations
postmortem: incident outage
postmortems: incident outage
on call: incident operations
slo: reliability
slos: reliability
iphone: apple ios mobile
ipad: apple ios mobile
ios: apple mobile
swift: ios apple mobile
android: mobile
kotlin: android mobile
jetpack compose: android mobile
flutter: mobile
react native: mobile
react: frontend web javascript
vue: frontend web javascript
angular: frontend web javascript
typescript: javascript
figma: design interface prototype
ux: design user experience
ui: design interface
usability: design user research
wireframe: design prototype
wireframes: design prototype
seo: marketing search
ppc: marketing advertising
copywriting: marketing writing
pr: press media
press: media
journalist: press media
reporter: press media
embargo: press
saas: software subscription
b2b: business enterprise
crm: sales customers
cold outreach: sales prospecting
negotiation: deals
enterprise sales: sales deals
churn: customers retention
a b test: experiment statistics
machine learning: ai data science
ml: machine learning ai data science
gradient boosting: machine learning
llm: ai machine learning
data scientist: data science statistics
recruiter: hiring recruiting
recruiting: hiring
headhunter: hiring recruiting
salary bands: salary compensation
lease: rent property real estate
leases: rent property real estate
co working: office
coworking: office
estate agent: real estate property
realtor: real estate property
building permit: construction permit approval
building permits: construction permit approval
zoning: construction planning
licence: license
licences: license
licensing: license
cpd: continuing education training
cme: continuing education medical
cpe: continuing education
certification: credential
accreditation: credential
meetup: community event
conference: event
translator: translation language
interpreter: translation language
mentor: mentoring advice
coach: coaching advice
cto: technology engineering management
ceo: leadership management
"""


def _parse(raw: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    table = {}
    for line in raw.strip().splitlines():
        term, _, broader = line.partition(":")
        table[tuple(term.split())] = tuple(broader.split())
    return table


BROADER = _parse(_BROADER_TEXT)
LONGEST = max(len(k) for k in BROADER)
_FIRST_WORDS = frozenset(k[0] for k in BROADER)


def broader(words: list[str]) -> list[str]:
    """The broader words the folded words imply, phrases of up to LONGEST words included."""
    if _FIRST_WORDS.isdisjoint(words):  # most texts hold no term at all: one pass in C
        return []
    found: list[str] = []
    n = len(words)
    for i in range(n):
        if words[i] not in _FIRST_WORDS:  # most words start no entry: one set lookup
            continue
        for size in range(1, LONGEST + 1):
            if i + size > n:
                break
            implied = BROADER.get(tuple(words[i : i + size]))
            if implied:
                found.extend(implied)
    return found


def _narrower() -> dict[str, list[str]]:
    from tiebook.search.text import stem

    table: dict[str, list[str]] = {}
    for term, implied in BROADER.items():
        for word in implied:
            table.setdefault(stem(word), []).append(term[0])
    return table


_NARROWER: dict[str, list[str]] | None = None


def narrower(stem: str) -> list[str]:
    """The first words of the specific terms that imply this (stemmed) broader word: 'tax' is
    implied by 'vat', 'gst', 'paye'..."""
    global _NARROWER
    if _NARROWER is None:
        _NARROWER = _narrower()
    return _NARROWER.get(stem, [])
