"""Demo partners: textile mills, print shops, micro-factories, packaging and tea suppliers,
ceramic and leather workshops, couriers, customs brokers, fulfilment warehouses, and
translation, photography and legal services, in many countries.

`plan_partners(seed, count)` is pure: the same seed gives the same partners. Each trade
has its own places (real cities with their IANA zones), capabilities, price items with
quantity breaks, minimum orders and lead times. Prices start from a guide price in euros,
are scaled into the local currency by a rough price guide (`PER_EUR_GUIDE`: believable
demo prices, not market rates), varied a little and rounded to three significant digits
and the currency's minor unit -- in `Decimal`, never float. A partner ships to its own
country and the nearest others (distance between countries from tzdata's zone.tab), with
transit days growing with distance; service providers deliver online in 0 days.

`load_partners(seed, count, owners)` writes them with bulk inserts.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache

from django.db import transaction
from faker import Faker

from bornglobal import rows
from bornglobal.demo.people import stable_seed
from bornglobal.domain import world
from bornglobal.domain.errors import Conflict
from bornglobal.domain.money import quantize
from bornglobal.network.models import Partner, PartnerCapability, PartnerPrice, PartnerShippingZone
from bornglobal.tenancy import audit
from bornglobal.tenancy.models import User

OWNER_DOMAIN = "partners.example"
LISTED_FROM = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
BATCH = 1_000
HUBS = ("US", "GB", "DE", "CN", "JP", "AE", "SG", "AU", "BR", "ZA", "IN", "MX")

# Units of each currency that buy roughly what one euro buys: for demo prices only.
PER_EUR_GUIDE = {code: Decimal(value) for code, value in {
    "EUR": "1", "GBP": "0.86", "USD": "1.16", "CAD": "1.6", "MXN": "21.5", "BRL": "6.2",
    "ARS": "1500", "COP": "4500", "PEN": "4", "PAB": "1.16", "INR": "102", "PKR": "325",
    "BDT": "140", "LKR": "345", "CNY": "8.3", "TWD": "36", "JPY": "175", "KRW": "1650",
    "VND": "30000", "THB": "38", "MYR": "4.9", "SGD": "1.5", "PHP": "67", "IDR": "19000",
    "AUD": "1.78", "TRY": "48", "ILS": "3.9", "AED": "4.25", "EGP": "56", "MAD": "10.7",
    "KES": "150", "NGN": "1700", "ZAR": "20.3", "ETB": "165", "UAH": "48", "RON": "5.08",
    "SEK": "11", "CHF": "0.93", "HKD": "9", "PLN": "4.25", "CZK": "24.4",
}.items()}


@dataclass(frozen=True, slots=True)
class Trade:
    kind: str
    names: tuple[str, ...]  # patterns with {city} and {surname}
    processes: tuple[str, ...]
    materials: tuple[str, ...]
    services: tuple[str, ...]
    items: tuple[tuple[str, str, str, int], ...]  # item, unit, guide price in EUR, first qty
    min_orders: tuple[tuple[int, str], ...]
    lead: tuple[int, int]
    reach_km: int
    max_zones: int
    places: tuple[str, ...]  # "CC:City" or "CC:City:Zone"
    online: bool = False  # delivers online: 0 transit days


TRADES = (
    Trade("supplier", ("{city} Textile Mill", "{surname} Weaving Co.", "{city} Cotton Works"),
          ("weaving", "knitting", "yarn dyeing", "garment dyeing", "fabric finishing"),
          ("organic cotton", "linen", "merino wool", "recycled polyester", "hemp", "silk"),
          ("custom colour matching",),
          (("organic cotton jersey", "metre", "6.80", 50), ("linen canvas", "metre", "9.40", 50),
           ("merino rib knit", "metre", "14.50", 30)),
          ((50, "metre"), (100, "metre"), (300, "metre")), (10, 30), 2500, 14,
          ("PT:Guimarães", "IN:Tiruppur", "IN:Surat", "TR:Bursa", "IT:Prato", "BD:Dhaka",
           "PK:Faisalabad", "VN:Ho Chi Minh City", "PE:Lima", "CN:Shaoxing")),
    Trade("micro_factory", ("{city} Print Studio", "{surname} Print Works", "Inkwell {city}"),
          ("screen printing", "digital printing", "risograph printing", "embroidery",
           "offset printing"),
          ("recycled paper", "cotton tote bags", "organic t-shirts", "vinyl stickers"),
          ("artwork preparation",),
          (("printed tote bag", "bag", "4.20", 50), ("a5 flyer", "sheet", "0.12", 500),
           ("screen-printed t-shirt", "shirt", "7.50", 25),
           ("sticker sheet", "sheet", "0.90", 100)),
          ((25, "piece"), (50, "piece"), (100, "piece")), (3, 10), 1500, 10,
          ("DE:Berlin", "DE:Leipzig", "NL:Rotterdam", "GB:Bristol",
           "US:Portland:America/Los_Angeles",
           "MX:Guadalajara", "BR:São Paulo:America/Sao_Paulo", "KE:Nairobi", "NG:Lagos",
           "ZA:Cape Town", "AU:Melbourne:Australia/Melbourne", "PH:Manila", "CO:Medellín")),
    Trade("micro_factory", ("{city} Fabrication Lab", "{surname} CNC", "{city} Makerspace Works"),
          ("cnc milling", "cnc turning", "laser cutting", "3d printing (fdm)",
           "3d printing (sla)", "sheet metal bending", "powder coating"),
          ("aluminium", "stainless steel", "pla", "petg", "nylon", "acrylic", "birch plywood"),
          ("design for manufacture", "rapid prototyping"),
          (("cnc-milled aluminium part", "part", "38.00", 10),
           ("fdm printed part", "part", "6.50", 20),
           ("laser-cut acrylic panel", "panel", "11.00", 20)),
          ((1, "part"), (10, "part"), (20, "part")), (2, 15), 1800, 12,
          ("DE:Stuttgart", "PL:Wrocław", "CZ:Brno", "EE:Tallinn", "US:Austin:America/Chicago",
           "CA:Toronto:America/Toronto", "CN:Shenzhen", "TW:Taichung", "JP:Osaka", "KR:Busan",
           "IN:Pune", "IL:Tel Aviv", "SE:Gothenburg")),
    Trade("supplier", ("{city} Packaging", "{surname} Box Co.", "{city} Carton Supply"),
          ("die cutting", "corrugated box making", "folding cartons", "label printing"),
          ("kraft paper", "recycled cardboard", "glassine", "compostable film"),
          ("packaging design",),
          (("kraft mailer box", "box", "0.85", 200), ("printed label roll", "roll", "14.00", 10),
           ("tissue paper ream", "ream", "18.00", 5)),
          ((200, "box"), (500, "box"), (1000, "box")), (5, 20), 2000, 12,
          ("PL:Poznań", "ES:Valencia", "US:Chicago:America/Chicago",
           "MX:Monterrey:America/Monterrey",
           "TH:Bangkok", "MY:Penang", "VN:Hanoi", "EG:Cairo")),
    Trade("supplier", ("{city} Tea Blenders", "{surname} Tea Estate", "{city} Leaf & Co."),
          ("tea blending", "tea bag packing", "flavouring"),
          ("black tea", "green tea", "rooibos", "herbal infusions", "chai spices"),
          ("private label packing",),
          (("loose-leaf blend", "kg", "24.00", 5), ("pyramid tea bag", "bag", "0.09", 1000),
           ("tea tin (100 g)", "tin", "3.20", 100)),
          ((5, "kg"), (10, "kg"), (25, "kg")), (7, 21), 3000, 12,
          ("IN:Kolkata", "IN:Kochi", "LK:Colombo", "LK:Kandy", "KE:Kericho", "JP:Shizuoka",
           "CN:Hangzhou", "ZA:Cape Town", "TW:Taipei")),
    Trade("micro_factory", ("{city} Ceramics", "{surname} Pottery", "{city} Clay Studio"),
          ("wheel throwing", "slip casting", "glazing", "kiln firing"),
          ("stoneware", "porcelain", "terracotta"),
          ("custom glaze development",),
          (("stoneware mug", "mug", "9.50", 24), ("porcelain bowl", "bowl", "12.00", 24),
           ("terracotta planter", "planter", "7.00", 12)),
          ((12, "piece"), (24, "piece"), (48, "piece")), (14, 45), 2000, 10,
          ("PT:Caldas da Rainha", "ES:Manises", "MX:Puebla", "MA:Fès", "JP:Mashiko",
           "IT:Faenza", "GB:Stoke-on-Trent", "VN:Bát Tràng", "TR:Kütahya")),
    Trade("micro_factory", ("{city} Leather Atelier", "{surname} Leathercraft", "{city} Saddlery"),
          ("hand stitching", "leather cutting", "embossing", "edge finishing"),
          ("full-grain leather", "vegetable-tanned leather", "suede", "brass hardware"),
          ("pattern making",),
          (("leather wallet", "wallet", "22.00", 20), ("leather belt", "belt", "26.00", 20),
           ("leather tote", "bag", "85.00", 10)),
          ((10, "piece"), (20, "piece"), (50, "piece")), (10, 35), 2200, 10,
          ("IT:Florence", "ES:Ubrique", "MA:Marrakesh", "AR:Buenos Aires", "MX:León",
           "IN:Kanpur", "IN:Chennai", "ET:Addis Ababa", "PK:Sialkot", "TR:Istanbul",
           "CO:Bogotá")),
    Trade("logistics", ("{city} Express", "{surname} Freight", "{city} Forwarding"),
          (), (),
          ("parcel delivery", "same-day courier", "air freight", "sea freight (lcl)",
           "road freight", "customs clearance"),
          (("parcel up to 2 kg", "parcel", "9.50", 1), ("pallet by road", "pallet", "140.00", 1),
           ("lcl sea freight", "cbm", "85.00", 1)),
          ((1, "parcel"), (1, "shipment")), (0, 3), 6000, 45,
          ("NL:Rotterdam", "DE:Hamburg", "AE:Dubai", "SG:Singapore", "HK:Hong Kong",
           "US:Miami:America/New_York", "US:Los Angeles:America/Los_Angeles", "PA:Panama City",
           "KE:Mombasa", "NG:Lagos", "BR:Santos:America/Sao_Paulo", "IN:Mumbai", "CN:Shanghai")),
    Trade("service", ("{surname} Customs Brokers", "{city} Customs Services",
                      "{surname} & Partners Clearance"),
          (), (),
          ("customs clearance", "tariff classification", "import licences", "duty drawback",
           "origin certificates"),
          (("import declaration", "declaration", "65.00", 1),
           ("hs classification", "product", "25.00", 1)),
          ((1, "declaration"),), (1, 3), 1500, 8,
          ("GB:Dover", "BE:Antwerp", "US:Laredo:America/Chicago", "CA:Vancouver:America/Vancouver",
           "AU:Sydney:Australia/Sydney", "MX:Tijuana:America/Tijuana", "ZA:Durban",
           "SG:Singapore", "IN:Chennai", "BR:Santos:America/Sao_Paulo")),
    Trade("logistics", ("{city} Fulfilment", "{surname} Logistics Centre", "{city} Warehousing"),
          ("pick and pack", "kitting"), (),
          ("storage", "returns handling", "cross-docking"),
          (("pick and pack order", "order", "2.40", 100),
           ("pallet storage", "pallet-month", "16.00", 1),
           ("return processed", "return", "3.10", 50)),
          ((100, "order"), (250, "order")), (1, 3), 1500, 20,
          ("NL:Venlo", "DE:Leipzig", "PL:Łódź", "CZ:Prague", "US:Reno:America/Los_Angeles",
           "US:Memphis:America/Chicago", "CA:Mississauga:America/Toronto", "GB:Milton Keynes",
           "AU:Brisbane:Australia/Brisbane", "JP:Chiba", "AE:Dubai", "MX:Querétaro")),
    Trade("service", ("{surname} Translations", "{city} Language Services", "Lingua {city}"),
          (), (),
          ("translation", "localisation", "proofreading", "interpreting", "subtitling"),
          (("translation", "word", "0.11", 500), ("proofreading", "hour", "35.00", 1)),
          ((500, "word"), (1, "hour")), (1, 7), 2500, 12,
          ("ES:Barcelona", "AR:Córdoba:America/Argentina/Cordoba", "UA:Kyiv:Europe/Kyiv",
           "RO:Cluj-Napoca", "PH:Cebu City", "EG:Alexandria", "IN:Hyderabad",
           "CA:Montreal:America/Toronto", "BE:Brussels", "KR:Seoul"), online=True),
    Trade("service", ("{surname} Studio", "{city} Product Photography", "Lightbox {city}"),
          ("retouching",), (),
          ("product photography", "lifestyle shoots", "360 spin photography", "video"),
          (("packshot", "product", "18.00", 10), ("half-day shoot", "shoot", "420.00", 1)),
          ((10, "product"), (1, "shoot")), (3, 10), 1200, 8,
          ("PT:Lisbon", "GR:Athens", "ZA:Johannesburg", "ID:Denpasar:Asia/Makassar",
           "TH:Chiang Mai", "GB:Manchester", "US:New York:America/New_York", "MX:Mexico City",
           "KE:Nairobi", "NG:Lagos"), online=True),
    Trade("service", ("{surname} Legal", "{surname} & Co. Solicitors", "{city} Law Partners"),
          (), (),
          ("company formation", "trademark registration", "contract review", "gdpr compliance",
           "employment law", "export compliance"),
          (("trademark filing", "filing", "450.00", 1), ("contract review", "hour", "160.00", 1),
           ("company formation", "company", "900.00", 1)),
          ((1, "hour"),), (2, 15), 1200, 6,
          ("EE:Tallinn", "IE:Dublin", "SG:Singapore", "AE:Dubai", "DE:Berlin", "GB:London",
           "US:Wilmington:America/New_York", "HK:Hong Kong", "NL:Amsterdam", "CH:Zurich"),
          online=True),
)
QUARTERS = ("Harbour", "Riverside", "Old Town", "Hillside", "Central", "North", "South",
            "East", "West", "Gate")  # to tell apart two businesses of a trade in one city
CAPABILITY_KINDS = (("processes", "process"), ("materials", "material"), ("services", "service"))
BREAK_STEPS = ((1, 0), (5, 8), (25, 16), (100, 24))  # quantity multiple, % off


@dataclass(frozen=True, slots=True)
class PartnerPlan:
    number: int
    name: str
    kind: str
    description: str
    country: str
    city: str
    time_zone: str
    currency: str
    min_order_quantity: int
    min_order_unit: str
    lead_time_days: int
    listed_at: datetime
    owner_name: str
    owner_locale: str
    capabilities: tuple[tuple[str, str], ...]
    prices: tuple[tuple[str, str, int, int], ...]  # item, unit, min quantity, minor
    zones: tuple[tuple[str, int], ...]


def local_price(guide_eur: str, currency: str, variation_bp: int) -> int:
    """A guide price in local minor units, three significant digits, exact (Decimal)."""
    amount = Decimal(guide_eur) * PER_EUR_GUIDE[currency] * (10_000 + variation_bp) / 10_000
    rounded = Decimal(f"{amount:.3g}") if amount >= 1 else amount
    minor = quantize(rounded, currency).minor
    return max(minor, 1)


def _place(text: str) -> tuple[str, str, str]:
    code, city, *zone = text.split(":")
    return code, city, zone[0] if zone else world.countries()[code].zones[0]


@cache
def _zone_points() -> dict[str, tuple[float, float]]:
    """Latitude and longitude (radians) of each zone's city in tzdata's zone.tab."""
    points = {}
    for _code, coordinates, zone in world._zone_table():
        split = max(coordinates.rfind("+"), coordinates.rfind("-"))
        points[zone] = (math.radians(world._degrees(coordinates[:split])),
                        math.radians(world._degrees(coordinates[split:])))
    return points


def _km(here: tuple[float, float], there: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = here, there
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(
        lon2 - lon1)
    return 6371 * math.acos(max(-1, min(1, cosine)))


@cache
def _nearest(home: str, zone: str) -> tuple[tuple[str, float], ...]:
    """Other countries by distance from the partner's city to their nearest zone city."""
    points, origin = _zone_points(), _zone_points()[zone]
    found = []
    for code, country in world.countries().items():
        cities = [points[name] for name in country.zones if name in points]
        if code != home and cities:
            found.append((code, min(_km(origin, city) for city in cities)))
    return tuple(sorted(found, key=lambda pair: (pair[1], pair[0])))


def _transit(km: float, rng: random.Random) -> int:
    if km < 2_500:
        return 1 + math.ceil(km / 700) + rng.randint(0, 1)
    return min(30, 3 + int(km // 3_000) + rng.randint(0, 2))


def _zones(
    trade: Trade, home: str, zone: str, rng: random.Random
) -> tuple[tuple[str, int], ...]:
    nearest = _nearest(home, zone)
    picked = [pair for pair in nearest if pair[1] <= trade.reach_km][: trade.max_zones - 1]
    if len(picked) < 3:
        picked = list(nearest[:3])
    if trade.kind == "logistics":
        known = {code for code, _ in picked}
        picked += [pair for pair in nearest if pair[0] in HUBS and pair[0] not in known][
            : max(0, trade.max_zones - len(picked))]
    if trade.online:
        return tuple(sorted((code, 0) for code in [home, *(c for c, _ in picked)]))
    home_days = 1 if trade.kind == "logistics" else rng.randint(1, 2)
    return tuple(sorted([(home, home_days), *((c, _transit(km, rng)) for c, km in picked)]))


def _capabilities(trade: Trade, rng: random.Random) -> tuple[tuple[str, str], ...]:
    chosen = []
    for field, kind in CAPABILITY_KINDS:
        names = getattr(trade, field)
        if names:
            picked = rng.sample(names, rng.randint(1, min(4, len(names))))
            chosen += [(kind, name) for name in picked]
    return tuple(sorted(chosen))


def _prices(
    trade: Trade, currency: str, rng: random.Random
) -> tuple[tuple[str, str, int, int], ...]:
    lines = []
    items = rng.sample(trade.items, rng.randint(min(2, len(trade.items)), len(trade.items)))
    for item, unit, guide, first in items:
        base_bp = rng.randint(-2_500, 2_500)
        for multiple, off in BREAK_STEPS[: rng.randint(2, 4)]:
            price = local_price(guide, currency, base_bp - off * 100)
            lines.append((item, unit, first * multiple, price))
    return tuple(sorted(lines))


class OwnerNames:
    """Seeded Fakers, one per locale: first and last names without titles."""

    def __init__(self, seed: int) -> None:
        self._seed, self._fakers = seed, {}

    def person(self, locale: str) -> tuple[str, str]:
        fake = self._fakers.get(locale)
        if fake is None:
            fake = Faker(locale, providers=["faker.providers.person"])
            fake.seed_instance(stable_seed(f"partner-owners:{self._seed}:{locale}"))
            self._fakers[locale] = fake
        return fake.first_name(), fake.last_name()


def _latin(word: str) -> bool:
    return all(unicodedata.name(char, "").startswith("LATIN") for char in word if char.isalpha())


def _name(trade: Trade, city: str, surname: str, rng: random.Random, taken: set[str]) -> str:
    """A business name from the trade's patterns; a surname only if it is in Latin script."""
    patterns = [p for p in trade.names if _latin(surname) or "{surname}" not in p]
    for pattern in rng.sample(patterns, len(patterns)):
        name = pattern.format(city=city, surname=surname)
        if name not in taken:
            return name
    for quarter in QUARTERS:
        name = rng.choice(patterns).format(city=f"{city} {quarter}", surname=surname)
        if name not in taken:
            return name
    return f"{patterns[0].format(city=city, surname=surname)} {len(taken) + 1}"


def _description(trade: Trade, city: str, capabilities: tuple[tuple[str, str], ...]) -> str:
    doing = [name for kind, name in capabilities if kind != "material"]
    made_of = [name for kind, name in capabilities if kind == "material"]
    text = f"Based in {city}. We offer {', '.join(doing)}"
    text += f", working with {', '.join(made_of)}." if made_of else "."
    if trade.online:
        text += " Work is delivered online."
    return text


def plan_partners(seed: int, count: int) -> list[PartnerPlan]:
    """`count` partners, trades in turn, the same for the same seed."""
    rng = random.Random(f"bornglobal-demo-partners:{seed}")
    names, taken, plans = OwnerNames(seed), set(), []
    for number in range(1, count + 1):
        trade = TRADES[(number - 1) % len(TRADES)]
        code, city, zone = _place(rng.choice(trade.places))
        country = world.countries()[code]
        locale = country.name_locales[0]
        first, last = names.person(locale)
        owner_name = f"{last}{first}" if locale[:2] in ("zh", "ja", "ko") else f"{first} {last}"
        name = _name(trade, city, last, rng, taken)
        taken.add(name)
        quantity, unit = rng.choice(trade.min_orders)
        capabilities = _capabilities(trade, rng)
        plans.append(PartnerPlan(
            number=number, name=name, kind=trade.kind,
            description=_description(trade, city, capabilities),
            country=code, city=city, time_zone=zone, currency=country.currency,
            min_order_quantity=quantity, min_order_unit=unit,
            lead_time_days=rng.randint(*trade.lead),
            listed_at=LISTED_FROM + timedelta(hours=rng.randint(0, 600 * 24)),
            owner_name=owner_name, owner_locale=country.locale,
            capabilities=capabilities, prices=_prices(trade, country.currency, rng),
            zones=_zones(trade, code, zone, rng),
        ))
    return plans


def owner_email(number: int) -> str:
    return f"partner-{number}@{OWNER_DOMAIN}"


def _owners(plans: list[PartnerPlan]) -> list[User]:
    from bornglobal.demo.platform import demo_password_hash

    if User.objects.filter(email=owner_email(1)).exists():
        raise Conflict("Demo partners are already loaded (partner-1@partners.example exists).",
                       code="demo_data_present")
    users = [User(email=owner_email(plan.number), full_name=plan.owner_name,
                  country=plan.country, time_zone=plan.time_zone, currency=plan.currency,
                  locale=plan.owner_locale, is_freelancer=False, date_joined=plan.listed_at,
                  password=demo_password_hash()) for plan in plans]
    User.objects.bulk_create(users, batch_size=BATCH)
    by_email = dict(User.objects.filter(email__in=[u.email for u in users])
                    .values_list("email", "id"))
    for user in users:
        user.pk = by_email[user.email]
    return users


def _partner(plan: PartnerPlan, owner: User) -> Partner:
    return Partner(owner=owner, name=plan.name, kind=plan.kind, description=plan.description,
                   country=plan.country, city=plan.city, time_zone=plan.time_zone,
                   currency=plan.currency, min_order_quantity=plan.min_order_quantity,
                   min_order_unit=plan.min_order_unit, lead_time_days=plan.lead_time_days,
                   listed=True, created_at=plan.listed_at, updated_at=plan.listed_at)


def _insert(objects: list) -> None:
    for start in range(0, len(objects), BATCH):
        rows.insert_many(objects[start:start + BATCH])


def load_partners(seed: int, count: int = 200, owners: list[User] | None = None) -> list[Partner]:
    """Write `count` demo partners; without `owners`, each gets its own owner account."""
    plans = plan_partners(seed, count)
    with transaction.atomic():
        people = owners if owners else _owners(plans)
        partners = [_partner(plan, people[index % len(people)])
                    for index, plan in enumerate(plans)]
        Partner.objects.bulk_create(partners, batch_size=BATCH)
        if any(partner.pk is None for partner in partners):  # a backend without RETURNING
            raise RuntimeError("bulk_create did not return the partners' ids")
        _insert([PartnerCapability(partner=p, kind=kind, name=name)
                 for p, plan in zip(partners, plans, strict=True)
                 for kind, name in plan.capabilities])
        _insert([PartnerPrice(partner=p, item=item, unit=unit, min_quantity=qty, price_minor=minor)
                 for p, plan in zip(partners, plans, strict=True)
                 for item, unit, qty, minor in plan.prices])
        _insert([PartnerShippingZone(partner=p, country=country, transit_days=days)
                 for p, plan in zip(partners, plans, strict=True)
                 for country, days in plan.zones])
        audit.record(None, "demo.partners_loaded", after={"seed": seed, "partners": count})
    return partners
