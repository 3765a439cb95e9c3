"""Reads of the skills taxonomy. ESCO is public reference data: any logged-in actor sees it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length, Lower

from bornglobal.network import taxonomy
from bornglobal.network.models import Skill

MAX_LIMIT = 50


def autocomplete(query: str, limit: int = 10) -> list[Skill]:
    """Skills whose label or alternative label matches `query`, case-insensitively.

    Ranked: exact label, exact alternative label, label prefix, alternative-label prefix,
    word prefix (in the label or an alternative label), then any substring; within a rank,
    shorter labels first.
    """
    query = " ".join(query.split())
    limit = max(1, min(limit, MAX_LIMIT))
    if not query:
        return []
    exact = Q(label__iexact=query)
    exact_alt = (
        Q(alt_labels__iexact=query)
        | Q(alt_labels__istartswith=f"{query}|")
        | Q(alt_labels__iendswith=f"|{query}")
        | Q(alt_labels__icontains=f"|{query}|")
    )
    label_prefix = Q(label__istartswith=query)
    alt_prefix = Q(alt_labels__istartswith=query) | Q(alt_labels__icontains=f"|{query}")
    word_prefix = Q(label__icontains=f" {query}") | Q(alt_labels__icontains=f" {query}")
    for opener in ("(", "-", "/"):
        word_prefix |= Q(label__icontains=f"{opener}{query}")
    substring = Q(label__icontains=query) | Q(alt_labels__icontains=query)
    rank = Case(
        When(exact, then=Value(0)),
        When(exact_alt, then=Value(1)),
        When(label_prefix, then=Value(2)),
        When(alt_prefix, then=Value(3)),
        When(word_prefix, then=Value(4)),
        default=Value(5),
        output_field=IntegerField(),
    )
    matches: QuerySet[Skill] = Skill.objects.filter(substring).annotate(rank=rank)
    return list(matches.order_by("rank", Length("label"), Lower("label"), "esco_id")[:limit])


@dataclass(frozen=True, slots=True)
class Suggestion:
    skill: Skill
    why: str  # the phrase as written in the text
    matched_label: str  # the label or alternative label it matched
    exact: bool  # the phrase itself, not only its words in another order or form


def suggest_skills(text: str, limit: int = 10) -> list[Suggestion]:
    """Skills named in free text (a job description), each with the phrase that named it.

    Lexical: labels and alternative labels of up to four words, compared lower-case with
    plurals stripped; longer matches first, then skills before knowledge.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    matches = taxonomy.find_phrases(text)[:limit]
    skills = Skill.objects.in_bulk([m.esco_id for m in matches], field_name="esco_id")
    return [
        Suggestion(skills[m.esco_id], m.phrase, m.label, taxonomy.normalise(m.phrase) == normalised)
        for m in matches
        if m.esco_id in skills
        for normalised in (taxonomy.normalise(m.label),)
    ]
