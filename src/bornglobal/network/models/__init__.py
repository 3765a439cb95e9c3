"""The network's tables: skills, profiles, partners and reviews."""

from bornglobal.network.models.partners import (
    CapabilityKind,
    Partner,
    PartnerCapability,
    PartnerKind,
    PartnerPrice,
    PartnerShippingZone,
)
from bornglobal.network.models.profiles import (
    LanguageLevel,
    PortfolioItem,
    Profile,
    ProfileLanguage,
    ProfileSkill,
    TaxResidency,
    WorkPattern,
)
from bornglobal.network.models.reviews import Direction, Review
from bornglobal.network.models.skills import Skill

__all__ = [
    "CapabilityKind", "Direction", "LanguageLevel", "Partner", "PartnerCapability", "PartnerKind",
    "PartnerPrice", "PartnerShippingZone", "PortfolioItem", "Profile", "ProfileLanguage",
    "ProfileSkill", "Review", "Skill", "TaxResidency", "WorkPattern",
]
