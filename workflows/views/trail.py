"""An audit trail downloaded, streamed as CSV or JSON with its hashes (eia.chain.export): one
assessment's, for the equality team and its decision-maker; the organisation's, for the lead."""

from django.http import Http404, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from eia.authorization import Permission, can_download_pack, has_permission
from eia.chain import export
from eia.errors import NotAllowed
from eia.models import Assessment
from eia.register.exports import CSV_TYPE, JSON_TYPE

from .common import assessment_or_404


def _download(chunks, content_type: str, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _chunks(kind: str, organisation, assessments, scope: str):
    if kind == "json":
        return export.json_chunks(organisation, assessments, scope=scope), JSON_TYPE
    if kind == "csv":
        own = organisation if scope == "organisation" else None  # its equality duty's chain
        return export.csv_chunks(assessments, organisation=own), CSV_TYPE
    raise Http404


def assessment_trail(request, pk: int, kind: str):
    assessment = assessment_or_404(request, pk)
    if not can_download_pack(request.user, assessment.pipeline_item):
        raise NotAllowed("Only the equality team and the decision-maker can export the trail.")
    chunks, content_type = _chunks(
        kind, assessment.organisation, Assessment.objects.filter(pk=pk), "assessment"
    )
    reference = slugify(assessment.pipeline_item.reference) or "assessment"
    return _download(chunks, content_type, f"{reference}-v{assessment.version}-audit-trail.{kind}")


def organisation_trail(request, kind: str):
    organisation = request.user.organisation
    if organisation is None:
        raise Http404
    if not has_permission(
        request.user, Permission.LEAD_ASSESSMENTS, organisation_id=organisation.pk
    ):
        raise NotAllowed("Only the equality lead can export the organisation's whole trail.")
    chunks, content_type = _chunks(
        kind,
        organisation,
        Assessment.objects.filter(organisation=organisation),
        "organisation",
    )
    return _download(chunks, content_type, f"{organisation.slug}-audit-trail.{kind}")
