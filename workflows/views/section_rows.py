"""Pages that edit one row of a list section (an evidence item, a gap, an engagement, an
impact, an action), the "Remove" buttons, action progress after sign-off, and evidence files.
Each is a `SectionPage` (workflows.views.sections), so it has the same guards and token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eia import consultation, screening
from eia.authorization import can_report_progress
from eia.errors import InvalidInput, NotAllowed
from eia.models import Action, Engagement, EvidenceItem, Impact, Section, State
from eia.quality import full_of
from eia.services import actions as action_services
from eia.services import engagement as engagement_services
from eia.services import evidence as evidence_services
from eia.services import impacts as impact_services
from eia.services import sections as section_services
from eia.services.locking import can_view
from eia.uploads import MAX_UPLOAD_BYTES

from .. import presenters
from ..forms.base import SeenForm
from ..forms.sections import (
    ActionForm,
    ConsultationForm,
    EngagementForm,
    EvidenceForm,
    GapForm,
    ImpactForm,
    ProgressForm,
)
from .common import status_of
from .sections import SectionPage, impact_label, owners


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class EvidenceEdit(SectionPage):
    section = Section.EVIDENCE
    form_class = EvidenceForm
    template = "workflows/sections/evidence_edit.html"
    saved_message = "Evidence saved."
    back_to = "section_evidence"
    error_field = "upload"

    def instance(self):
        evidence_id = self.kwargs.get("evidence_id")
        if not evidence_id:
            return None
        return get_object_or_404(EvidenceItem, assessment=self.assessment, pk=evidence_id)

    def draft_records(self):
        item = self.instance()
        return (f"evidence:{item.pk}",) if item else ()

    def post(self, request, *args, **kwargs):
        if _content_length(request) > MAX_UPLOAD_BYTES + 1024 * 1024:
            # Refuse before reading the body: nothing is saved, and the message says why.
            message = f"The file must be smaller than {MAX_UPLOAD_BYTES // 1048576} MB. "
            return self.render(self._form(), status=413, too_large=message + "Nothing was saved.")
        return super().post(request, *args, **kwargs)

    def save(self, form, seen):
        item = self.instance()
        evidence_services.save_evidence(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            data={name: form.cleaned_data[name] for name in evidence_services.EVIDENCE_FIELDS},
            evidence_id=item.pk if item else None,
            upload=form.cleaned_data.get("upload"),
        )


class GapAdd(SectionPage):
    section = Section.EVIDENCE
    form_class = GapForm
    template = "workflows/sections/gap.html"
    saved_message = "Evidence gap recorded, with an action to close it."
    back_to = "section_evidence"

    def form_kwargs(self):
        return {"owners": owners(self.assessment)}

    def draft_records(self):
        return ()  # a new gap: nothing saved can have changed under it

    def save(self, form, seen):
        data = form.cleaned_data
        evidence_services.declare_gap(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            description=data["description"],
            owner_id=data["owner"].pk if data["owner"] else None,
            target_date=data["target_date"],
        )


class EngagementEdit(SectionPage):
    section = Section.ENGAGEMENT
    form_class = EngagementForm
    template = "workflows/sections/engagement_edit.html"
    saved_message = "Engagement saved."
    back_to = "section_engagement"

    def instance(self):
        engagement_id = self.kwargs.get("engagement_id")
        if not engagement_id:
            return None
        return get_object_or_404(Engagement, assessment=self.assessment, pk=engagement_id)

    def draft_records(self):
        row = self.instance()
        return (f"engagement:{row.pk}",) if row else ()

    def save(self, form, seen):
        row = self.instance()
        engagement_services.save_engagement(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            data={name: form.cleaned_data[name] for name in engagement_services.ENGAGEMENT_FIELDS},
            engagement_id=row.pk if row else None,
        )


class ConsultationEdit(SectionPage):
    section = Section.ENGAGEMENT
    form_class = ConsultationForm
    template = "workflows/sections/consultation_edit.html"
    saved_message = "Public consultation saved."
    back_to = "section_engagement"

    def draft_records(self):
        return ("consultation",)

    def instance(self):
        return full_of(self.assessment)

    def extra(self):
        full = self.instance()
        duty = screening.duty_of(self.assessment.screening)
        return {
            "duty": duty,
            "length": consultation.length_text(
                full.consultation_starts_on, full.consultation_ends_on
            ),
        }

    def save(self, form, seen):
        section_services.save_consultation(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            data={name: form.cleaned_data[name] for name in section_services.CONSULTATION_FIELDS},
        )


class ImpactEdit(SectionPage):
    section = Section.IMPACTS
    form_class = ImpactForm
    template = "workflows/sections/impact_edit.html"
    back_to = "section_impacts"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        found = {c.id: c for c in screening.characteristics_in_scope(self.assessment.screening)}
        if kwargs["characteristic"] not in found:
            raise Http404
        self.group = found[kwargs["characteristic"]]
        self.duty = screening.duty_of(self.assessment.screening)
        self.impact = Impact.objects.filter(
            assessment=self.assessment, characteristic=self.group.id
        ).first()
        self.saved_message = f"Impact on {self.group.phrase} saved."

    def draft_records(self):
        return (f"impact:{self.group.id}",)

    def initial(self):
        if self.impact is not None:
            initial = {name: getattr(self.impact, name) for name in impact_services.IMPACT_FIELDS}
            initial["evidence"] = list(self.impact.evidence.values_list("pk", flat=True))
            return initial
        # Carry the screening's level and direction for this group into a new impact.
        answers = (self.assessment.screening.answers or {}).get("impact") or {}
        row = answers.get(self.group.id) or {}
        if row.get("level") == "none":
            return {"direction": "neutral"}
        if row.get("level") in ("minor", "major"):
            return {"direction": row.get("direction"), "size": row["level"]}
        return {}

    def form_kwargs(self):
        return {
            "characteristic": self.group,
            "evidence": self.assessment.evidence.all(),
            "duty": self.duty,
        }

    def extra(self):
        return {
            "group": self.group,
            "impact": self.impact,
            "duty": self.duty,
            "screening_level": presenters.screening_levels(self.assessment).get(self.group.id),
        }

    def save(self, form, seen):
        fields = impact_services.IMPACT_FIELDS
        impact_services.save_impact(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            characteristic=self.group.id,
            data={name: form.cleaned_data.get(name, "") for name in fields},
            evidence_ids=[e.pk for e in form.cleaned_data["evidence"]],
        )


class ActionEdit(SectionPage):
    section = Section.ACTIONS
    form_class = ActionForm
    template = "workflows/sections/action_edit.html"
    saved_message = "Action saved."

    def instance(self):
        action_id = self.kwargs.get("action_id")
        if not action_id:
            return None
        return get_object_or_404(Action, assessment=self.assessment, pk=action_id)

    def draft_records(self):
        action = self.instance()
        return (f"action:{action.pk}",) if action else ()

    def initial(self):
        action = self.instance()
        if action is not None:
            return {name: getattr(action, name) for name in action_services.ACTION_FIELDS} | {
                "owner_kind": action.owner_kind,
                "owner": action.owner_id,
                "owner_name": action.owner_name,
                "impacts": list(action.impacts.values_list("pk", flat=True)),
            }
        if self.request.GET.get("kind") in Action.Kind.values:
            return {"kind": self.request.GET["kind"]}
        return {}

    def form_kwargs(self):
        return {
            "owners": owners(self.assessment),
            "impacts": self.assessment.impacts.exclude(direction__in=["neutral"]),
            "impact_label": impact_label(self.assessment),
        }

    def save(self, form, seen):
        action = self.instance()
        owner = form.cleaned_data["owner"]
        action_services.save_action(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            data={name: form.cleaned_data[name] for name in action_services.ACTION_FIELDS},
            owner_id=owner.pk if owner else None,
            owner_kind=form.cleaned_data["owner_kind"],
            owner_name=form.cleaned_data["owner_name"],
            impact_ids=[i.pk for i in form.cleaned_data["impacts"]],
            action_id=action.pk if action else None,
        )

    def after_save(self, form):
        rural = form.cleaned_data["kind"] == Action.Kind.RURAL
        page = (
            "section_rurality"
            if rural and self.assessment.rurality_proofing_required
            else "section_actions"
        )
        return reverse(f"workflows:{page}", args=[self.assessment.pk])


# ---------------------------------------------------------------------------------------------
# Removing a row, action progress, evidence files

# What each "Remove" button removes: (service, its id keyword, page to return to, message).
REMOVALS = {
    "evidence": (evidence_services.remove_evidence, "evidence_id", "section_evidence",
                 "Evidence removed."),
    "gap": (evidence_services.remove_gap, "gap_id", "section_evidence",
            "Evidence gap and its action removed."),
    "engagement": (engagement_services.remove_engagement, "engagement_id",
                   "section_engagement", "Engagement removed."),
    "action": (action_services.remove_action, "action_id", "section_actions", "Action removed."),
}  # fmt: skip


@require_POST
def remove(request, pk, kind, item_id):
    """Every "Remove" button: the page's token guards against removing from a stale page."""
    if kind not in REMOVALS:
        raise Http404
    service, id_keyword, back, message = REMOVALS[kind]
    form = SeenForm(request.POST)
    if not form.is_valid():
        raise InvalidInput("The page was incomplete. Reload it and try again.")
    service(assessment_id=pk, seen=form.cleaned_data["seen"], by=request.user,
            **{id_keyword: item_id})  # fmt: skip
    messages.success(request, message)
    return redirect(f"workflows:{back}", pk=pk)


def action_progress(request, action_id):
    action = get_object_or_404(
        Action.objects.select_related("assessment__pipeline_item", "owner").filter(
            assessment__organisation_id=request.user.organisation_id
        ),
        pk=action_id,
    )
    assessment = action.assessment
    if not can_report_progress(request.user, assessment, action):
        raise NotAllowed("Only the action's owner, the authors or the equality team can.")
    form = ProgressForm(
        request.POST or None,
        initial={"status": action.status, "rag": action.rag, "progress_note": action.progress_note},
    )
    if request.method == "POST" and form.is_valid():
        action_services.update_action_progress(
            action_id=action.pk, by=request.user, **form.cleaned_data
        )
        messages.success(request, "Progress recorded.")
        return redirect("workflows:assessment", pk=assessment.pk)
    return render(
        request,
        "workflows/sections/progress.html",
        {"assessment": assessment, "action": action, "form": form},
        status=status_of(form),
    )


@login_not_required
def evidence_file(request, evidence_id):
    """To the organisation always; to the public once published, if marked public."""
    item = get_object_or_404(
        EvidenceItem.objects.select_related("assessment").exclude(file=""), pk=evidence_id
    )
    assessment = item.assessment
    published = assessment.state in (State.PUBLISHED, State.SUPERSEDED) and item.is_public
    if not (can_view(request.user, assessment) or published):
        raise Http404  # another organisation's draft evidence does not exist for you
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.file_name,
        content_type=item.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
