"""What every page of one assessment needs first: the assessment, or a 404."""

from django.http import Http404
from django.shortcuts import redirect

from ..selectors.assessments import assessment_for


def assessment_or_404(request, pk: int):
    """The user's organisation's assessment; another organisation's does not exist for them."""
    assessment = assessment_for(user=request.user, pk=pk)
    if assessment is None:
        raise Http404
    return assessment


def to_assessment(pk: int):
    return redirect("workflows:assessment", pk=pk)


def status_of(form) -> int:
    return 400 if form.errors else 200
