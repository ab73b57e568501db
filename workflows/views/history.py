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


def compare_versions(request, pk: int):
    newer = assessment_or_404(request, pk)
    if newer.previous_id is None:
        raise Http404
    older = assessment_or_404(request, newer.previous_id)
    differences = compare.between_versions(older, newer)
    return render(
        request,
        "workflows/compare.html",
        {
            "assessment": newer,
            "heading": f"What version {newer.version} changed from version {older.version}",
            "sections": _grouped(differences),
            "count": len(differences),
        },
    )


def since_sign_off(request, pk: int):
    assessment = assessment_or_404(request, pk)
    differences = compare.since_sign_off(assessment)
    if differences is None:
        raise Http404
    return render(
        request,
        "workflows/compare.html",
        {
            "assessment": assessment,
            "heading": "What changed after the decision-maker signed",
            "sections": _grouped(differences),
            "count": len(differences),
        },
    )


def since_return(request, pk: int):
    assessment = assessment_or_404(request, pk)
    differences = returns.since_return(assessment)
    if differences is None:
        raise Http404
    return render(
        request,
        "workflows/compare.html",
        {
            "assessment": assessment,
            "heading": "What the authors changed since it was returned",
            "sections": _grouped(differences),
            "count": len(differences),
        },
    )
