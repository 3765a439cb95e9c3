"""Skills endpoints: autocomplete, suggestions from free text, ESCO attribution. Thin."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema

from bornglobal.apierrors import ErrorOut
from bornglobal.apitypes import InSchema, Text
from bornglobal.network import selectors, taxonomy
from bornglobal.network.models import Skill

router = Router(tags=["network"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
Limit = Annotated[int, Field(ge=1, le=selectors.MAX_LIMIT)]


class SkillOut(Schema):
    esco_id: str
    uri: str
    label: str
    alt_labels: list[str]
    kind: Literal["skill", "knowledge"]
    description: str


class SkillsOut(Schema):
    items: list[SkillOut]
    count: int


class SkillQuery(Schema):
    q: Annotated[Text, Field(min_length=1, max_length=100, description="label or its start")]
    limit: Limit = 10


class SuggestIn(InSchema):
    text: Annotated[Text, Field(max_length=20_000, description="free text, e.g. a job ad")]
    limit: Limit = 10


class SuggestionOut(Schema):
    skill: SkillOut
    why: str = Field(description="the phrase of the text that names the skill")
    matched_label: str = Field(description="the label or alternative label it matched")
    exact: bool = Field(description="false when the words matched in another order or form")


class SuggestionsOut(Schema):
    items: list[SuggestionOut]
    count: int


class AttributionOut(Schema):
    source: str
    version: str
    attribution: str
    licence: str
    licence_url: str


def _skill_out(skill: Skill) -> dict:
    return {
        "esco_id": skill.esco_id,
        "uri": skill.uri,
        "label": skill.label,
        "alt_labels": skill.alt_label_list,
        "kind": skill.kind,
        "description": skill.description,
    }


@router.get("/skills", response={200: SkillsOut, **ERRORS})
def autocomplete_skills(request, params: Query[SkillQuery]):
    """ESCO skills whose label or alternative label matches `q`, best first."""
    items = [_skill_out(s) for s in selectors.autocomplete(params.q, params.limit)]
    return {"items": items, "count": len(items)}


@router.post("/skills/suggest", response={200: SuggestionsOut, **ERRORS})
def suggest_skills(request, payload: SuggestIn):
    """ESCO skills named in free text (a job description), each with the phrase found."""
    items = [
        {
            "skill": _skill_out(s.skill),
            "why": s.why,
            "matched_label": s.matched_label,
            "exact": s.exact,
        }
        for s in selectors.suggest_skills(payload.text, payload.limit)
    ]
    return {"items": items, "count": len(items)}


@router.get("/skills/attribution", response={200: AttributionOut, **ERRORS})
def skills_attribution(request):
    """Where the skills taxonomy comes from, and the credit its licence asks for."""
    return {
        "source": taxonomy.SOURCE,
        "version": taxonomy.ESCO_VERSION,
        "attribution": taxonomy.ATTRIBUTION,
        "licence": taxonomy.LICENCE,
        "licence_url": taxonomy.LICENCE_URL,
    }
