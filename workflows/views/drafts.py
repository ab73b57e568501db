"""The draft endpoints: keep a person's unsaved typing on one form (called by
`workflows/static/workflows/drafts.js`, answers JSON), and discard it (the banner's button).

Saving a draft is allowed exactly when saving the page is: the page's own view is set up for
the same assessment and asked (`SectionPage.editable`, or the screening's check), so another
organisation's assessment is a 404 and a person who may not edit it gets a 403. Each text is
checked against the form's own limit (eia.limits) and refused, never cut."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.services import drafts as draft_services
from eia.services import sections as section_services

from .. import drafts
from ..forms.screening import ScreeningForm
from .common import assessment_or_404
from .screening import screening_editable, screening_form_args
from .sections import SectionPage

# A form's text at its limits is far below this; a bigger body is refused before it is read.
DRAFT_BODY_BYTES = 1024 * 1024
NOT_TEXT = {"csrfmiddlewaretoken", "page", "seen"}
NO_PAGE = "The draft did not say which page it is from. Nothing was saved."


def _json(status: int, message: str, **more) -> JsonResponse:
    return JsonResponse({"saved": status == 200, "message": message} | more, status=status)


def _match(assessment, page):
    """The page of this assessment a draft key names (an address of this site, never another)."""
    if not isinstance(page, str) or not page or len(page) > draft_services.PAGE_LENGTH:
        raise InvalidInput(NO_PAGE)
    if any(ch in page for ch in "?#\\") or any(ord(ch) < 32 for ch in page):
        raise InvalidInput(NO_PAGE)
    try:
        match = resolve(drafts.path_info_of(assessment.pk, page))
    except Resolver404 as error:
        raise InvalidInput(NO_PAGE) from error
    if match.kwargs.get("pk") != assessment.pk:
        raise InvalidInput(NO_PAGE)
    return match


def _text_fields_of(request, assessment, page) -> dict[str, tuple[str, int]]:
    """The page's long text fields and limits, if this person may edit that page now."""
    match = _match(assessment, page)
    if match.view_name == "workflows:screening":
        if not screening_editable(request.user, assessment):
            raise NotAllowed("The screening can only be changed by its authors while in screening.")
        form = ScreeningForm(**screening_form_args(assessment))
    else:
        view_class = getattr(match.func, "view_class", None)
        if view_class is None or not issubclass(view_class, SectionPage):
            raise InvalidInput(NO_PAGE)
        view = view_class(**match.func.view_initkwargs)
        view.setup(request, *match.args, **match.kwargs)  # its own 404s: a group, a row...
        if not view.editable:
            raise NotAllowed(section_services.LOCKED)
        form = view._form()
    fields = drafts.text_fields(form)
    if not fields:
        raise InvalidInput("This page has no long text to keep as a draft.")
    return fields


def _seen(value) -> int:
    try:
        seen = int(value or 0)
    except (TypeError, ValueError) as error:
        raise InvalidInput("The page was incomplete. Reload it and try again.") from error
    if not 0 <= seen < 2**31:
        raise InvalidInput("The page was incomplete. Reload it and try again.")
    return seen


def _save(request, pk: int) -> JsonResponse:
    assessment = assessment_or_404(request, pk)
    limits = _text_fields_of(request, assessment, request.POST.get("page"))
    texts = {}
    for name in request.POST:
        if name in NOT_TEXT:
            continue
        values = request.POST.getlist(name)
        if len(values) != 1:
            raise InvalidInput("Each field of a draft can be sent once. Nothing was saved.")
        texts[name] = values[0]
    draft = draft_services.save_draft(
        by=request.user,
        assessment=assessment,
        page=request.POST["page"],
        fields=texts,
        limits=limits,
        seen=_seen(request.POST.get("seen")),
    )
    at = localtime(draft.saved_at)
    return _json(200, f"Draft saved at {at:%H:%M}", saved_at=at.isoformat())


@require_POST
def save(request, pk: int):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > DRAFT_BODY_BYTES:
        return _json(413, "The draft is too large to keep. Save the page to keep your text.")
    try:
        return _save(request, pk)
    except (Http404, NotFound):
        return _json(404, "Page not found.")
    except NotAllowed as error:
        return _json(403, error.message)
    except InvalidInput as error:
        return _json(400, error.message)


@require_POST
def discard(request, pk: int):
    """The banner's "Discard the draft": only ever the person's own draft of that page."""
    assessment = assessment_or_404(request, pk)
    page = request.POST.get("page")
    _match(assessment, page)
    draft_services.discard_draft(by=request.user, assessment_id=assessment.pk, page=page)
    messages.success(request, "Draft discarded.")
    return redirect(drafts.root_of(assessment.pk) + page)
