"""The judicial-review pack, downloaded: streamed as it is made (eia.pack)."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from eia.authorization import can_download_pack
from eia.errors import NotAllowed
from eia.models import PipelineItem
from eia.pack.contents import manifest, members
from eia.pack.zipstream import stream_zip


def jr_pack(request, pipeline_pk: int):
    item = get_object_or_404(PipelineItem.objects.visible_to(request.user), pk=pipeline_pk)
    if not item.assessments.exists():
        raise Http404
    if not can_download_pack(request.user, item):
        raise NotAllowed("Only the equality team and the decision-maker can download the pack.")
    response = StreamingHttpResponse(
        stream_zip(members(item), manifest=manifest(item)), content_type="application/zip"
    )
    name = f"{slugify(item.reference) or 'proposal'}-judicial-review-pack.zip"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
