"""The skills page: ESCO autocomplete and suggestions from a job description. Thin.

Both parts work as htmx partials and, without JavaScript, as plain GET/POST of the page.
ESCO is public reference data, so any logged-in user may use the page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from bornglobal.network import selectors, taxonomy
from bornglobal.network.models import Skill

MAX_QUERY = 100
MAX_TEXT = 20_000
RESULTS = 10
SUGGESTIONS = 15


def _matched_alt_labels(skill: Skill, query: str) -> list[str]:
    needle = query.casefold()
    return [label for label in skill.alt_label_list if needle in label.casefold()]


def search_context(raw: str) -> dict:
    """Results for the search box: empty for an empty query, a message for a long one."""
    query = " ".join(raw.split())
    context = {"query": query, "results": [], "search_error": ""}
    if len(query) > MAX_QUERY:
        context["search_error"] = (
            f"Search with at most {MAX_QUERY} characters (this has {len(query)})."
        )
    elif query:
        context["results"] = [
            {"skill": skill, "matched": _matched_alt_labels(skill, query)}
            for skill in selectors.autocomplete(query, RESULTS)
        ]
    return context


def suggest_context(text: str) -> dict:
    """Suggestions for the job description, or a message when it is empty or too long."""
    context = {"text": text, "suggestions": [], "suggest_error": "", "suggested": True}
    if not text.strip():
        context["suggest_error"] = "Paste a job description to get suggestions."
    elif len(text) > MAX_TEXT:
        context["suggest_error"] = (
            f"Use at most {MAX_TEXT:,} characters (this has {len(text):,})."
        )
    else:
        context["suggestions"] = selectors.suggest_skills(text, SUGGESTIONS)
    return context


def _page(request, context: dict):
    base = {
        "query": "", "results": [], "search_error": "",
        "text": "", "suggestions": [], "suggest_error": "", "suggested": False,
        "max_query": MAX_QUERY, "max_text": MAX_TEXT,
        "esco_version": taxonomy.ESCO_VERSION, "licence": taxonomy.LICENCE,
        "licence_url": taxonomy.LICENCE_URL,
    }
    return render(request, "network/skills.html", {**base, **context})


@login_required
@require_GET
def skills(request):
    """The page; `?q=` searches without JavaScript."""
    return _page(request, search_context(request.GET.get("q", "")))


@login_required
@require_GET
def skills_search(request):
    """The results list for the live search box (htmx); the whole page otherwise."""
    context = search_context(request.GET.get("q", ""))
    if not request.htmx:
        return _page(request, context)
    return render(request, "network/_skill_results.html", context)


@login_required
@require_http_methods(["POST"])
def skills_suggest(request):
    """Skills named in a job description (htmx partial; the whole page otherwise)."""
    context = suggest_context(request.POST.get("text", ""))
    if not request.htmx:
        return _page(request, context)
    return render(request, "network/_suggestions.html", context)
