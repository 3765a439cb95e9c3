"""What demo freelancers do: roles with their ESCO skills, headlines and rates. Pure data.

Every skill is named by its ESCO preferred label (a test checks each one exists), so
demo profiles carry real taxonomy skills. Headlines use the words people actually
write ("React", "Django", "Shopify"), some of which ESCO has no skill for: search must
find those through the headline. Rates are EUR per hour at the median of the role in
a high-income country; `network.py` scales them by the country's income group and
converts them into the freelancer's own currency.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RolePlan:
    key: str
    headlines: tuple[str, ...]
    core: tuple[str, ...]  # every holder has most of these
    extra: tuple[str, ...]  # some holders add a few
    eur_per_hour: int
    weight: int = 1  # how common the role is among demo freelancers


ROLES: tuple[RolePlan, ...] = (
    RolePlan(
        "backend",
        (
            "Backend developer (Python, Django)",
            "Python backend engineer",
            "API developer: Python and PostgreSQL",
        ),
        ("Python (computer programming)", "SQL", "PostgreSQL", "web programming"),
        (
            "DevOps",
            "develop with cloud services",
            "software architecture models",
            "NoSQL",
            "Agile development",
        ),
        60,
        6,
    ),
    RolePlan(
        "frontend",
        (
            "Frontend developer (React, TypeScript)",
            "React developer",
            "Web developer: JavaScript and TypeScript",
        ),
        ("JavaScript", "TypeScript", "web programming", "JavaScript Framework"),
        ("create website wireframe", "software UI design patterns", "Agile development"),
        55,
        6,
    ),
    RolePlan(
        "mobile",
        (
            "Mobile app developer (iOS and Android)",
            "Flutter and Kotlin developer",
            "iOS developer (Swift)",
        ),
        (
            "Swift (computer programming)",
            "Android (mobile operating systems)",
            "iOS",
            "mobile device software frameworks",
        ),
        ("Java (computer programming)", "develop software prototype"),
        60,
        3,
    ),
    RolePlan(
        "java",
        ("Java backend engineer (Spring)", "Enterprise Java developer"),
        ("Java (computer programming)", "SQL", "software architecture models"),
        ("SQL Server", "Agile development", "DevOps"),
        62,
        3,
    ),
    RolePlan(
        "php",
        ("WordPress and PHP developer", "PHP developer (Laravel)"),
        ("PHP", "MySQL", "web programming"),
        ("JavaScript", "conduct search engine optimisation"),
        40,
        3,
    ),
    RolePlan(
        "data",
        (
            "Data scientist (machine learning)",
            "Machine learning engineer",
            "Data analyst: SQL and dashboards",
        ),
        ("machine learning", "data analytics", "statistics", "Python (computer programming)"),
        ("business intelligence", "perform data analysis", "SQL", "identify statistical patterns"),
        70,
        4,
    ),
    RolePlan(
        "devops",
        ("DevOps engineer (AWS, Kubernetes)", "Cloud infrastructure engineer"),
        ("DevOps", "design cloud architecture", "deploy cloud resource"),
        (
            "cloud security and compliance",
            "plan migration to cloud",
            "respond to incidents in cloud",
        ),
        70,
        2,
    ),
    RolePlan(
        "security",
        ("Security engineer and penetration tester", "Cyber security consultant"),
        ("cyber security", "ICT network security risks", "cyber attack counter-measures"),
        ("Kali Linux", "cloud security and compliance"),
        80,
        1,
    ),
    RolePlan(
        "qa",
        ("QA engineer (test automation)", "Software tester"),
        (
            "plan software testing",
            "levels of software testing",
            "provide software testing documentation",
        ),
        ("Agile development", "Python (computer programming)"),
        40,
        2,
    ),
    RolePlan(
        "firmware",
        ("Embedded firmware engineer (C, Rust)", "Firmware engineer for IoT devices"),
        ("embedded systems", "firmware", "design firmware", "C++"),
        ("printed circuit boards", "test printed circuit boards", "robotics"),
        70,
        2,
    ),
    RolePlan(
        "hardware",
        ("PCB and electronics designer", "Electronics engineer (PCB layout)"),
        ("printed circuit boards", "design power electronics", "test circuitry"),
        ("embedded systems", "create electrical wiring diagram"),
        65,
        1,
    ),
    RolePlan(
        "mechanical",
        ("Mechanical design engineer (CAD)", "Product designer for manufacturing"),
        ("mechanical engineering", "CADD software", "design prototypes"),
        ("3D printing process", "robotics"),
        60,
        2,
    ),
    RolePlan(
        "ux",
        ("UX/UI designer (Figma)", "Product designer: UX research and UI"),
        (
            "create prototype of user experience solutions",
            "create website wireframe",
            "software UI design patterns",
        ),
        ("graphic design", "combine business technology with user experience"),
        55,
        3,
    ),
    RolePlan(
        "graphic",
        ("Graphic designer and illustrator", "Brand identity designer"),
        ("graphic design", "Adobe Illustrator", "Adobe Photoshop"),
        ("create brand guidelines", "use digital illustration techniques", "define brand identity"),
        45,
        4,
    ),
    RolePlan(
        "packaging",
        ("Packaging designer", "Packaging and label designer"),
        ("graphic design", "types of packaging materials", "Adobe Illustrator"),
        ("demonstrate proficiency in packaging standards", "create brand guidelines"),
        45,
        1,
    ),
    RolePlan(
        "motion",
        ("Motion designer and 3D animator", "3D artist (Blender)"),
        ("develop animations", "principles of animation", "create 3D characters"),
        ("3D texturing", "3D lighting", "perform video editing"),
        50,
        2,
    ),
    RolePlan(
        "video",
        ("Video editor and filmmaker", "Video producer for brands"),
        ("perform video editing", "operate video equipment"),
        ("audio post-production", "develop animations"),
        45,
        2,
    ),
    RolePlan(
        "photo",
        ("Product photographer", "Photographer for fashion and e-commerce"),
        ("photography", "set up photographic equipment", "Adobe Photoshop Lightroom"),
        ("Adobe Photoshop",),
        40,
        2,
    ),
    RolePlan(
        "copy",
        ("Copywriter (English)", "Content writer and editor"),
        ("perform copywriting", "proofread text", "content development processes"),
        ("conduct search engine optimisation", "write leaflets"),
        40,
        4,
    ),
    RolePlan(
        "translate",
        ("Translator and localisation specialist", "Translator (legal and technical)"),
        ("translate foreign language", "manage localisation", "proofread text"),
        ("use localisation tools", "machine translation", "manage software localisation"),
        40,
        4,
    ),
    RolePlan(
        "seo",
        ("SEO and content marketer", "Digital marketer (SEO, social media)"),
        (
            "search engine optimisation",
            "apply social media marketing",
            "plan social media marketing campaigns",
        ),
        ("plan marketing strategy", "perform online data analysis"),
        45,
        3,
    ),
    RolePlan(
        "growth",
        ("Growth marketer for e-commerce", "Performance marketing consultant"),
        ("plan marketing strategy", "implement marketing strategies", "e-commerce systems"),
        ("brand marketing techniques", "carry out sales analysis"),
        55,
        2,
    ),
    RolePlan(
        "ecommerce",
        ("Shopify store manager", "E-commerce operations specialist"),
        ("e-commerce systems", "process orders from online shop", "maintain customer service"),
        ("manage customer service", "conduct search engine optimisation"),
        30,
        2,
    ),
    RolePlan(
        "support",
        ("Customer support specialist", "Customer success and support agent"),
        (
            "maintain customer service",
            "provide high quality customer service",
            "manage customer service",
        ),
        ("analyse customer service surveys",),
        22,
        3,
    ),
    RolePlan(
        "accounting",
        ("Bookkeeper and accountant", "Accountant for small businesses"),
        ("use accounting systems", "prepare financial statements", "bookkeeping regulations"),
        ("calculate tax", "manage payroll", "prepare tax returns forms"),
        45,
        3,
    ),
    RolePlan(
        "legal",
        ("Contract lawyer for start-ups", "Legal adviser (commercial contracts)"),
        ("contract law", "compile legal documents", "ensure compliance with legal requirements"),
        ("customs law",),
        90,
        1,
    ),
    RolePlan(
        "trade",
        ("Import/export and customs specialist", "Trade compliance consultant"),
        (
            "ensure customs compliance",
            "arrange customs documents",
            "international import export regulations",
        ),
        ("set import export strategies", "negotiate logistics services"),
        45,
        1,
    ),
    RolePlan(
        "supply",
        ("Supply chain and sourcing manager", "Sourcing agent for manufacturing"),
        (
            "supply chain principles",
            "negotiate terms with suppliers",
            "analyse supply chain strategies",
        ),
        ("inspect quality of products", "negotiate logistics services"),
        50,
        2,
    ),
    RolePlan(
        "pm",
        ("Project manager (Agile)", "Technical project manager"),
        ("project management", "Agile project management", "ICT project management"),
        ("Prince2 project management",),
        55,
        3,
    ),
    RolePlan(
        "hr",
        ("HR and recruiting consultant", "Technical recruiter"),
        ("recruit employees", "human resource management", "hire human resources"),
        ("manage payroll",),
        45,
        1,
    ),
    RolePlan(
        "textile",
        ("Textile designer (weaving and dyeing)", "Fabric and print designer"),
        ("use weaving machine technologies", "dye fabrics", "textile marketing techniques"),
        ("prepare equipment for textile printing", "embroider fabrics"),
        35,
        2,
    ),
    RolePlan(
        "fashion",
        ("Fashion designer and pattern maker", "Garment technologist"),
        (
            "create patterns for garments",
            "trends in fashion",
            "make technical drawings of fashion pieces",
        ),
        ("evaluate garment quality", "CAD for garment manufacturing"),
        40,
        2,
    ),
    RolePlan(
        "leather",
        ("Leather goods designer", "Leather craftsman and sample maker"),
        (
            "develop leather goods collection",
            "prepare leather goods samples",
            "leather goods manufacturing processes",
        ),
        ("footwear and leather goods marketing planning",),
        40,
        1,
    ),
    RolePlan(
        "ceramics",
        ("Ceramicist and product maker", "Ceramic designer (glazes and kilns)"),
        ("create ceramic objects", "ceramics glazes", "operate a ceramics kiln"),
        ("create ceramic work by hand", "manage different ceramic firing techniques"),
        35,
        1,
    ),
    RolePlan(
        "coffee",
        ("Coffee and tea quality specialist", "Coffee roaster and cupper"),
        (
            "perform coffee tastings",
            "evaluate coffee characteristics",
            "create coffee flavour profiles",
        ),
        ("types of coffee beans", "examine green coffee beans"),
        35,
        1,
    ),
    RolePlan(
        "food",
        ("Food product developer", "Food safety and product consultant"),
        ("develop new food products", "comply with food safety and hygiene"),
        ("general principles of food law", "food plant design"),
        45,
        1,
    ),
)

LEVEL_WORDS = {1: "beginner", 2: "junior", 3: "experienced", 4: "senior", 5: "expert"}


def role(key: str) -> RolePlan:
    return next(plan for plan in ROLES if plan.key == key)


def all_skill_labels() -> set[str]:
    return {label for plan in ROLES for label in (*plan.core, *plan.extra)}
