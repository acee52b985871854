"""Built-in word lists for the demo network: people's names by culture, places, organisations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameRegion:
    weight: int
    given: tuple[str, ...]
    family: tuple[str, ...]


# fmt: off
# Most people get a given and a family name from one region; some mix (people marry, move).
REGIONS: tuple[NameRegion, ...] = (
    NameRegion(14, ("James", "Emily", "Michael", "Sarah", "David", "Olivia", "Daniel", "Hannah",
                    "Samuel", "Grace", "Ethan", "Chloe", "Benjamin", "Abigail", "Nathan"),
               ("Smith", "Johnson", "Williams", "Brown", "Taylor", "Anderson", "Mitchell",
                "Carter", "Walker", "Harris", "Campbell", "Turner", "Bennett", "Hughes")),
    NameRegion(3, ("Aoife", "Siobhán", "Cillian", "Niamh", "Seán", "Órla", "Ciarán"),
               ("O'Brien", "Murphy", "Kelly", "Ní Bhriain", "Gallagher", "Byrne", "Doyle")),
    NameRegion(8, ("Mateo", "Valentina", "Camila", "Santiago", "Lucía", "Alejandro", "Inés",
                   "Javier", "Ximena", "Andrés"),
               ("García", "Martínez", "Núñez", "Peña", "Gómez", "Díaz", "Reyes", "Castillo",
                "Gutiérrez", "Mendoza")),
    NameRegion(4, ("João", "Beatriz", "Thiago", "Mariana", "Gonçalo", "Luíza"),
               ("Gonçalves", "Araújo", "Silva", "Oliveira", "Ferreira", "Almeida", "Costa")),
    NameRegion(4, ("François", "Chloé", "Amélie", "Étienne", "Hélène", "Jean-Luc", "Margaux"),
               ("Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fournier")),
    NameRegion(3, ("Giulia", "Marco", "Lorenzo", "Chiara", "Francesca", "Niccolò"),
               ("Rossi", "Bianchi", "Esposito", "Ricci", "Marino", "De Luca")),
    NameRegion(5, ("Lukas", "Jürgen", "Anneke", "Maximilian", "Lotte", "Jörg", "Sanne"),
               ("Müller", "Schäfer", "Weiß", "Fischer", "de Vries", "Janssen", "van der Berg",
                "Bakker")),
    NameRegion(4, ("Øyvind", "Søren", "Björn", "Ingrid", "Astrid", "Mikael", "Sigrún", "Aino",
                   "Þóra", "Linnea"),
               ("Lindqvist", "Johansson", "Andersen", "Søndergaard", "Haugen", "Virtanen",
                "Korhonen", "Jónsdóttir", "Ekström")),
    NameRegion(4, ("Łukasz", "Małgorzata", "Tomáš", "Zuzana", "Dmitri", "Anastasia", "Olga",
                   "Katarzyna", "Đorđe", "Milena"),
               ("Kowalski", "Nowak", "Dvořák", "Novák", "Horváth", "Nagy", "Petrov",
                "Kuznetsov", "Jovanović", "Wiśniewski")),
    NameRegion(3, ("Eleni", "Giorgos", "Zoë", "Mehmet", "Elif", "Emre", "Ayşe"),
               ("Papadopoulos", "Nikolaidis", "Yılmaz", "Çelik", "Şahin", "Demir")),
    NameRegion(5, ("Fatima", "Omar", "Layla", "Yusuf", "Amira", "Karim", "Nour", "Samir"),
               ("Haddad", "Khalil", "Nasser", "Benali", "El Amrani", "Mansour", "Aziz")),
    NameRegion(2, ("Noa", "Yael", "Tamar", "Eitan", "Avi"),
               ("Cohen", "Levi", "Mizrahi", "Friedman", "Kaplan")),
    NameRegion(5, ("Ngozi", "Chidi", "Amara", "Kwame", "Oluwaseun", "Adaeze", "Kofi", "Aïssatou",
                   "Mamadou", "Efua"),
               ("Okafor", "Adeyemi", "Mensah", "Owusu", "Boateng", "Diallo", "Traoré",
                "Ndiaye", "Keïta", "Asante")),
    NameRegion(3, ("Wanjiru", "Thabo", "Zanele", "Baraka", "Nomvula", "Tendai"),
               ("Mwangi", "Kamau", "Otieno", "Nkosi", "Dlamini", "Mahlangu", "Moyo")),
    NameRegion(7, ("Arjun", "Priya", "Ananya", "Rohan", "Aditi", "Vikram", "Kavya", "Rahul",
                   "Meera", "Farhan"),
               ("Patel", "Sharma", "Iyer", "Reddy", "Gupta", "Banerjee", "Khan", "Rahman",
                "Chowdhury", "Nair")),
    NameRegion(6, ("Wei", "Xiu Ying", "Jun", "Mei", "Hao", "Lan", "Zhiwei", "Yan"),
               ("Wang", "Li", "Zhang", "Chen", "Liu", "Huang", "Zhao", "Lin")),
    NameRegion(3, ("Haruto", "Aiko", "Yuki", "Sora", "Hina", "Ren"),
               ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō")),
    NameRegion(3, ("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun"),
               ("Kim", "Lee", "Park", "Choi", "Jung")),
    NameRegion(2, ("Minh", "Linh", "Thảo", "Quang", "Huy"),
               ("Nguyễn", "Trần", "Lê", "Phạm", "Võ")),
    NameRegion(2, ("Kai", "Leilani", "Manaia", "Aroha", "Tāne", "Ikaika"),
               ("Kealoha", "Ngata", "Te Rangi", "Tuilagi", "Fonoti", "Kahananui")),
)

NICKNAMES: dict[str, str] = {
    "Benjamin": "Ben", "Maximilian": "Max", "Alejandro": "Alex", "Katarzyna": "Kasia",
    "Małgorzata": "Gosia", "Anastasia": "Nastya", "Oluwaseun": "Seun", "Francesca": "Fran",
    "Samuel": "Sam", "Michael": "Mike", "Abigail": "Abby", "Giorgos": "George",
}

CITIES: tuple[str, ...] = (
    "Lisbon, Portugal", "Porto, Portugal", "Madrid, Spain", "Barcelona, Spain", "Paris, France",
    "Lyon, France", "Berlin, Germany", "Munich, Germany", "Amsterdam, Netherlands",
    "Rotterdam, Netherlands", "Oslo, Norway", "Stockholm, Sweden", "Copenhagen, Denmark",
    "Helsinki, Finland", "Reykjavík, Iceland", "Dublin, Ireland", "London, UK", "Manchester, UK",
    "Edinburgh, UK", "Warsaw, Poland", "Kraków, Poland", "Prague, Czechia", "Budapest, Hungary",
    "Belgrade, Serbia", "Athens, Greece", "Istanbul, Türkiye", "Tel Aviv, Israel",
    "Dubai, UAE", "Cairo, Egypt", "Casablanca, Morocco", "Lagos, Nigeria", "Accra, Ghana",
    "Dakar, Senegal", "Nairobi, Kenya", "Cape Town, South Africa", "Johannesburg, South Africa",
    "Bengaluru, India", "Mumbai, India", "Dhaka, Bangladesh", "Singapore", "Shanghai, China",
    "Shenzhen, China", "Taipei, Taiwan", "Tokyo, Japan", "Osaka, Japan", "Seoul, South Korea",
    "Hanoi, Vietnam", "Ho Chi Minh City, Vietnam", "Sydney, Australia", "Melbourne, Australia",
    "Auckland, New Zealand", "Honolulu, HI", "Toronto, Canada", "Montréal, Canada",
    "Vancouver, Canada", "New York, NY", "Boston, MA", "Austin, TX", "Chicago, IL",
    "Seattle, WA", "San Francisco, CA", "Denver, CO", "Atlanta, GA", "Mexico City, Mexico",
    "Bogotá, Colombia", "Lima, Peru", "Santiago, Chile", "Buenos Aires, Argentina",
    "São Paulo, Brazil", "Recife, Brazil",
)

# First words of company names, and the suffix with the industry it suggests.
ORG_STEMS: tuple[str, ...] = (
    "Northwind", "Bluefin", "Cobalt", "Juniper", "Larkspur", "Meridian", "Quarry", "Tidewater",
    "Redwood", "Halcyon", "Aster", "Birchwood", "Cedar", "Copperline", "Driftwood", "Ember",
    "Fernhill", "Foxglove", "Granite", "Harbor", "Ironbark", "Kestrel", "Lantern", "Maple",
    "Nimbus", "Oakridge", "Obsidian", "Pinecrest", "Polaris", "Quill", "Riverbend", "Saffron",
    "Sagebrush", "Silver Oak", "Skylark", "Solstice", "Summit", "Tamarack", "Thistle", "Trillium",
    "Umber", "Vantage", "Verdant", "Wavecrest", "Willow", "Wrenfield", "Zephyr", "Alder",
    "Basalt", "Beacon", "Brightwater", "Cinder", "Coral", "Crescent", "Dovetail", "Elmstead",
    "Evergreen", "Fathom", "Fjord", "Gable", "Hearth", "Heron", "Indigo", "Keystone", "Lumen",
    "Marigold", "Mosaic", "Northstar", "Orchard", "Osprey", "Parallel", "Prism", "Rookery",
    "Sable", "Sextant", "Sparrow", "Starling", "Tessellate", "Topaz", "Waypoint", "Yarrow",
)
ORG_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("Labs", "Software"), ("Analytics", "Data and analytics"), ("Systems", "Software"),
    ("Logistics", "Logistics"), ("Health", "Healthcare"), ("Robotics", "Robotics"),
    ("Foods", "Food and beverage"), ("Energy", "Energy"), ("Capital", "Venture capital"),
    ("Studio", "Design"), ("Works", "Manufacturing"), ("Software", "Software"),
    ("Networks", "Telecommunications"), ("Bio", "Biotechnology"), ("Media", "Media"),
    ("Mobility", "Transportation"), ("Bank", "Banking"), ("Insurance", "Insurance"),
    ("Retail", "Retail"), ("Learning", "Education technology"), ("Games", "Video games"),
    ("Pharma", "Pharmaceuticals"), ("Construction", "Construction"), ("Security", "Cybersecurity"),
    ("Payments", "Fintech"), ("Cloud", "Cloud computing"), ("Materials", "Materials science"),
    ("Aerospace", "Aerospace"), ("Agritech", "Agriculture"), ("Travel", "Travel"),
)
CONSULTANCY_SUFFIXES: tuple[str, ...] = (
    "Consulting", "Partners", "Advisory", "Group", "Associates", "Strategy",
)
ACCOUNTING_SUFFIXES: tuple[str, ...] = ("Accounting", "Tax & Audit", "Chartered Accountants")
UNIVERSITY_PATTERNS: tuple[str, ...] = (
    "University of {}", "{} Institute of Technology", "{} Business School",
    "{} Community College", "{} School of Design",
)
AGENCIES: tuple[str, ...] = (
    "Workplace Safety Agency", "Revenue and Tax Office", "Department of Labour",
    "Data Protection Authority", "Environmental Protection Agency", "Building Standards Office",
    "Trade and Customs Office", "Competition Authority",
)
BOARDS: tuple[str, ...] = (
    "State Board of Professional Engineers", "Board of Accountancy", "Medical Licensing Council",
    "Bar Admissions Board", "Architects Registration Board",
    "Institute of Certified Project Managers", "Cloud Certification Council",
    "Financial Planning Standards Board",
)
DISTRICTS: tuple[str, ...] = (
    "North", "South", "East", "West", "Central", "Coastal", "Metro", "Highlands", "Valley",
    "Lakes", "Northeast", "Northwest", "Southeast", "Southwest", "Riverside", "Islands",
)
PERSONAL_DOMAINS: tuple[str, ...] = (
    "mail.example", "inbox.example", "post.example", "letterbox.example", "homemail.example",
)
# fmt: on
