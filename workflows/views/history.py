"""What changed: a review version against the version it reviews, and a record since its
decision-maker signed. Rebuilt from the trail (eia.history), so they show what the record
said, not what its tables say now."""

from django.http import Http404
from django.shortcuts import render

from eia import compare

from .. import returns
from .common import assessment_or_404


def _grouped(differences):
    sections = {}
    for difference in differences:
        sections.setdefault(difference.section, []).append(difference)
    return list(sections.items())


def _page(request, assessment, heading: str, differences):
    if differences is None:
        raise Http404
    return render(
        request,
        "workflows/compare.html",
        {
            "assessment": assessment,
            "heading": heading,
            "sections": _grouped(differences),
            "count": len(differences),
        },
    )


def compare_versions(request, pk: int):
    newer = assessment_or_404(request, pk)
    if newer.previous_id is None:
        raise Http404
    older = assessment_or_404(request, newer.previous_id)
    heading = f"What version {newer.version} changed from version {older.version}"
    return _page(request, newer, heading, compare.between_versions(older, newer))


def since_sign_off(request, pk: int):
    assessment = assessment_or_404(request, pk)
    heading = "What changed after the decision-maker signed"
    return _page(request, assessment, heading, compare.since_sign_off(assessment))


def since_return(request, pk: int):
    assessment = assessment_or_404(request, pk)
    heading = "What the authors changed since it was returned"
    return _page(request, assessment, heading, returns.since_return(assessment))
