"""Named demo freelancers with distinctive skills, places and hours. Pure data.

They are the people a founder would look for in the demo ("a firmware engineer in
Nairobi", "a leather goods designer in Lyon") and the labelled answers of the
search relevance test: for each hand-written query, its anchor must rank in the top
five. Each has a fixed email at `talent.bornglobal.example`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

EMAIL_DOMAIN = "talent.bornglobal.example"


@dataclass(frozen=True, slots=True)
class AnchorPlan:
    key: str  # also the email's local part
    full_name: str
    country: str
    city: str
    time_zone: str
    headline: str
    bio: str
    skills: tuple[tuple[str, int, int], ...]  # (ESCO label, level 1-5, years)
    languages: tuple[tuple[str, str], ...]  # (ISO 639-1, CEFR level or "native")
    rate: str  # hourly, in `currency`
    currency: str
    hours_per_week: int
    start: time = time(9, 0)
    end: time = time(17, 0)
    days: str = "12345"
    locale: str = "en"
    login_email: str = ""  # an existing demo login this profile belongs to

    @property
    def email(self) -> str:
        return self.login_email or f"{self.key}@{EMAIL_DOMAIN}"


A = AnchorPlan
ANCHORS: tuple[AnchorPlan, ...] = (
    A("wanjiru.kamau", "Wanjiru Kamau", "KE", "Nairobi", "Africa/Nairobi",
      "Embedded firmware engineer for solar IoT devices (C, Rust)",
      "I write low-power firmware for solar charge controllers and LoRa sensors.",
      (("embedded systems", 5, 9), ("firmware", 5, 9), ("design firmware", 5, 8), ("C++", 4, 7),
       ("test printed circuit boards", 3, 4)),
      (("en", "C2"), ("sw", "native")), "5200", "KES", 30, locale="en_KE"),
    A("lucia.fernandez", "Lucía Fernández", "UY", "Montevideo", "America/Montevideo",
      "Legal translator: Spanish, Portuguese and English",
      "Sworn translator for contracts, company statutes and trade documents.",
      (("translate foreign language", 5, 12), ("contract law", 3, 6), ("proofread text", 5, 12),
       ("manage localisation", 3, 4)),
      (("es", "native"), ("pt", "C2"), ("en", "C1")), "48", "USD", 25, locale="es_UY"),
    A("arjun.mehta", "Arjun Mehta", "IN", "Pune", "Asia/Kolkata",
      "Machine learning engineer: demand forecasting for retail",
      "Forecasting models and data pipelines for consumer brands.",
      (("machine learning", 5, 7), ("Python (computer programming)", 5, 9), ("statistics", 4, 8),
       ("data analytics", 4, 7), ("SQL", 4, 8)),
      (("en", "C2"), ("hi", "native"), ("mr", "native")), "3200", "INR", 40, start=time(10),
      end=time(18, 30), locale="en_IN"),
    A("ana.lima", "Ana Lima", "BR", "São Paulo", "America/Sao_Paulo",
      "Product photographer and Portuguese translator",
      "Studio product photography for e-commerce, and English to Portuguese translation.",
      (("photography", 5, 10), ("Adobe Photoshop Lightroom", 5, 8),
       ("set up photographic equipment", 4, 10), ("translate foreign language", 4, 6)),
      (("pt", "native"), ("en", "C1"), ("es", "B2")), "120", "BRL", 30, locale="pt_BR",
      login_email="freelancer@bornglobal.example"),
    A("mei.chen", "Mei Chen", "TW", "Taipei", "Asia/Taipei",
      "PCB layout and power electronics designer",
      "Four-layer PCB layouts, power supplies and design for manufacturing in Shenzhen.",
      (("printed circuit boards", 5, 11), ("design power electronics", 5, 9),
       ("test circuitry", 4, 9), ("embedded systems", 3, 5)),
      (("zh", "native"), ("en", "C1")), "48", "USD", 35, locale="zh_TW"),
    A("tomasz.nowak", "Tomasz Nowak", "PL", "Kraków", "Europe/Warsaw",
      "DevOps engineer: Kubernetes, Terraform and AWS",
      "I build and run cloud platforms for small SaaS teams.",
      (("DevOps", 5, 8), ("design cloud architecture", 5, 7), ("deploy cloud resource", 5, 7),
       ("cloud security and compliance", 4, 5)),
      (("pl", "native"), ("en", "C1"), ("de", "B1")), "280", "PLN", 40, locale="pl_PL"),
    A("fatima.benali", "Fatima Zahra Benali", "MA", "Casablanca", "Africa/Casablanca",
      "Textile designer: handwoven rugs and natural dyeing",
      "Designs for Berber-style rugs, dye recipes and sampling with weaving cooperatives.",
      (("use weaving machine technologies", 4, 10), ("dye fabrics", 5, 12),
       ("textile marketing techniques", 3, 5), ("embroider fabrics", 4, 8)),
      (("ar", "native"), ("fr", "C2"), ("en", "B2")), "32", "EUR", 30, locale="fr_MA"),
    A("sipho.ndlovu", "Sipho Ndlovu", "ZA", "Cape Town", "Africa/Johannesburg",
      "Video editor and documentary filmmaker",
      "Brand documentaries, interviews and social cut-downs.",
      (("perform video editing", 5, 10), ("operate video equipment", 5, 10),
       ("audio post-production", 4, 6)),
      (("en", "native"), ("zu", "native"), ("af", "B2")), "650", "ZAR", 35, locale="en_ZA"),
    A("olena.shevchenko", "Olena Shevchenko", "UA", "Lviv", "Europe/Kyiv",
      "QA automation engineer (Playwright, pytest)",
      "Test strategies and end-to-end suites for web and mobile products.",
      (("plan software testing", 5, 8), ("levels of software testing", 5, 8),
       ("Python (computer programming)", 4, 6), ("provide software testing documentation", 4, 8)),
      (("uk", "native"), ("en", "C1"), ("pl", "B2")), "1200", "UAH", 40, locale="uk_UA"),
    A("diego.ramirez", "Diego Ramírez", "CO", "Bogotá", "America/Bogota",
      "Shopify store manager for Latin American brands",
      "Store setup, catalogue, payments and customer service in Spanish and English.",
      (("e-commerce systems", 5, 6), ("process orders from online shop", 5, 6),
       ("maintain customer service", 4, 6), ("conduct search engine optimisation", 3, 3)),
      (("es", "native"), ("en", "B2")), "24", "USD", 40, locale="es_CO"),
    A("aigerim.sadykova", "Aigerim Sadykova", "KZ", "Almaty", "Asia/Almaty",
      "Accountant for small e-commerce businesses (IFRS)",
      "Bookkeeping, IFRS statements and payroll for online shops across Central Asia.",
      (("use accounting systems", 5, 9), ("prepare financial statements", 5, 9),
       ("manage payroll", 4, 7), ("calculate tax", 4, 7)),
      (("kk", "native"), ("ru", "native"), ("en", "B2")), "20", "USD", 30, locale="ru_KZ"),
    A("hiroshi.tanaka", "Hiroshi Tanaka", "JP", "Osaka", "Asia/Tokyo",
      "Ceramicist: tableware design and glaze development",
      "Small-batch tableware, glaze recipes and kiln schedules for makers.",
      (("create ceramic objects", 5, 20), ("ceramics glazes", 5, 18),
       ("operate a ceramics kiln", 5, 20)),
      (("ja", "native"), ("en", "B1")), "6000", "JPY", 20, locale="ja_JP"),
    A("chloe.martin", "Chloé Martin", "FR", "Lyon", "Europe/Paris",
      "Leather goods designer and sample maker",
      "Bags and small leather goods, from sketch to production sample.",
      (("develop leather goods collection", 5, 11), ("prepare leather goods samples", 5, 11),
       ("leather goods manufacturing processes", 4, 9)),
      (("fr", "native"), ("en", "C1"), ("it", "B2")), "55", "EUR", 30, locale="fr_FR"),
    A("rahel.tesfaye", "Rahel Tesfaye", "ET", "Addis Ababa", "Africa/Addis_Ababa",
      "Coffee cupper and green coffee sourcing specialist",
      "Cupping, grading and sourcing specialty coffee from Ethiopian washing stations.",
      (("perform coffee tastings", 5, 9), ("evaluate coffee characteristics", 5, 9),
       ("examine green coffee beans", 5, 8), ("negotiate terms with suppliers", 3, 5)),
      (("am", "native"), ("en", "C1")), "25", "USD", 30),
    A("nguyen.thi.lan", "Nguyễn Thị Lan", "VN", "Ho Chi Minh City", "Asia/Ho_Chi_Minh",
      "Garment technologist and pattern maker for sportswear",
      "Tech packs, patterns and quality checks with factories in Vietnam.",
      (("create patterns for garments", 5, 10), ("evaluate garment quality", 5, 10),
       ("CAD for garment manufacturing", 4, 7)),
      (("vi", "native"), ("en", "B2")), "350000", "VND", 40, locale="vi_VN"),
    A("liam.oconnor", "Liam O'Connor", "IE", "Dublin", "Europe/Dublin",
      "Commercial contracts lawyer for start-ups",
      "Contractor agreements, SaaS terms and data processing agreements.",
      (("contract law", 5, 12), ("compile legal documents", 5, 12),
       ("ensure compliance with legal requirements", 4, 10)),
      (("en", "native"), ("ga", "B2")), "140", "EUR", 15, locale="en_IE"),
    A("kavya.nair", "Kavya Nair", "NP", "Kathmandu", "Asia/Kathmandu",
      "Motion designer and 3D animator for product videos",
      "Explainers and product animations in Blender and After Effects.",
      (("develop animations", 5, 7), ("principles of animation", 5, 7),
       ("create 3D characters", 4, 5), ("3D lighting", 4, 5)),
      (("ne", "native"), ("en", "C1"), ("hi", "C1")), "22", "USD", 35, start=time(10), end=time(18),
      days="123456", locale="ne_NP"),
    A("jack.wilson", "Jack Wilson", "AU", "Adelaide", "Australia/Adelaide",
      "Security engineer and penetration tester",
      "Penetration tests, cloud security reviews and incident response.",
      (("cyber security", 5, 10), ("cyber attack counter-measures", 5, 9),
       ("ICT network security risks", 5, 10), ("Kali Linux", 4, 8)),
      (("en", "native"),), "150", "AUD", 25, locale="en_AU"),
    A("samira.haddad", "Samira Haddad", "AE", "Dubai", "Asia/Dubai",
      "Trade compliance and customs consultant (GCC and EU)",
      "Customs classification, import licences and trade documents for consumer goods.",
      (("ensure customs compliance", 5, 10), ("arrange customs documents", 5, 10),
       ("international import export regulations", 5, 9)),
      (("ar", "native"), ("en", "C2"), ("fr", "B2")), "95", "USD", 30, locale="ar_AE"),
    A("mateus.costa", "Mateus Costa", "PT", "Lisbon", "Europe/Lisbon",
      "UX/UI designer for fintech apps (Figma)",
      "Research, flows and design systems for payment and banking apps.",
      (("create prototype of user experience solutions", 5, 8), ("create website wireframe", 5, 8),
       ("software UI design patterns", 5, 8), ("graphic design", 3, 5)),
      (("pt", "native"), ("en", "C1")), "50", "EUR", 30, locale="pt_PT"),
    A("grace.mensah", "Grace Mensah", "GH", "Accra", "Africa/Accra",
      "SEO and content marketer for African fashion brands",
      "Search strategy, blog content and social campaigns.",
      (("search engine optimisation", 5, 6), ("plan social media marketing campaigns", 5, 6),
       ("perform copywriting", 4, 6), ("apply social media marketing", 5, 6)),
      (("en", "native"), ("ak", "native"), ("fr", "B1")), "26", "USD", 40, locale="en_GH"),
    A("ahmed.raza", "Ahmed Raza", "PK", "Lahore", "Asia/Karachi",
      "WordPress and PHP developer (WooCommerce)",
      "WooCommerce shops, custom plugins and speed fixes.",
      (("PHP", 5, 9), ("MySQL", 4, 9), ("web programming", 5, 9), ("e-commerce systems", 4, 6)),
      (("ur", "native"), ("en", "C1"), ("pa", "native")), "4500", "PKR", 40, start=time(14),
      end=time(22), locale="ur_PK"),
    A("ingrid.larsen", "Ingrid Larsen", "NO", "Oslo", "Europe/Oslo",
      "Mechanical design engineer for consumer hardware",
      "Enclosures, mechanisms and DFM for small hardware companies.",
      (("mechanical engineering", 5, 14), ("CADD software", 5, 14), ("design prototypes", 5, 12),
       ("3D printing process", 4, 8)),
      (("no", "native"), ("en", "C2"), ("de", "B2")), "1100", "NOK", 25, start=time(8),
      end=time(16), locale="nb_NO"),
    A("carlos.mendoza", "Carlos Mendoza", "CA", "St. John's", "America/St_Johns",
      "Customer support lead for overnight coverage of Asia-Pacific",
      "Night-shift support: tickets, chat and escalation for SaaS customers in Asia.",
      (("provide high quality customer service", 5, 8), ("manage customer service", 5, 6),
       ("analyse customer service surveys", 4, 5)),
      (("en", "native"), ("es", "native")), "38", "CAD", 40, start=time(21), end=time(5),
      locale="en_CA"),
)
