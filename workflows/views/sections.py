"""The full assessment's section pages, through one generic edit view.

Authors see forms in their stages; everyone else in the organisation (and authors after
submission) sees the same section read-only. Posting to a section you may not edit is a 403.
Each page carries the staleness token `seen`: saving over someone else's later edit of the same
record is a 409, never a silent loss.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from eia import audit, consultation, screening
from eia.errors import Conflict, InvalidInput, NotAllowed
from eia.events import GROUPS, EventGroup
from eia.models import (
    Action,
    PipelineItem,
    RuralTheme,
    Section,
    State,
    User,
)
from eia.quality import full_of
from eia.services import drafts as draft_services
from eia.services import rurality as rurality_services
from eia.services import sections as section_services

from .. import drafts, presenters
from ..forms.sections import (
    ConclusionForm,
    ProposalForm,
    RuralityForm,
    SectionForm,
)
from .common import assessment_or_404, status_of


def owners(assessment):
    return User.objects.filter(organisation_id=assessment.organisation_id, is_active=True)


def impact_label(assessment):
    names = {c.id: c.name for c in screening.characteristics_in_scope(assessment.screening)}
    return lambda impact: (
        f"{names.get(impact.characteristic, impact.characteristic)}: "
        f"{impact.get_direction_display().lower()}"
        f"{f' ({impact.get_size_display().lower()})' if impact.size else ''}"
    )


def _prefill(full, assessment) -> None:
    """Start 'about the proposal' from the pipeline item and the screening, never blank."""
    item = assessment.pipeline_item
    full.what_changes = item.summary
    full.timescale = f"Decision by {item.decision_body} on {item.decision_date:%-d %B %Y}."
    groups = []
    record = assessment.screening
    grid = (record.answers or {}).get("impact") or {}
    for characteristic in screening.characteristics_in_scope(record):
        row = grid.get(characteristic.id) or {}
        if row.get("level") in ("minor", "major"):
            direction = f", {row['direction']}" if row.get("direction") else ""
            groups.append(f"{characteristic.phrase} ({row['level']}{direction})")
    if groups:
        full.who_affected = "The screening found likely impacts on " + "; ".join(groups) + "."


class SectionPage(View):
    """One page of one section: a form in the authors' stages, the same page read-only
    otherwise. Subclasses say which section, form, template and service; this does the rest."""

    section: Section
    template: str
    form_class = SectionForm
    # A page that edits one row of a list (an evidence item, an action...) says it was saved and
    # goes back to the list; a whole-section page asks "have you completed this section?".
    saved_message = ""
    back_to = "assessment"
    error_field = None  # where a service's InvalidInput is shown (None: above the form)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.assessment = assessment_or_404(request, kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not self.editable:
            raise NotAllowed(section_services.LOCKED)
        return super().dispatch(request, *args, **kwargs)

    @property
    def editable(self) -> bool:
        return section_services.can_edit_section(self.request.user, self.assessment, self.section)

    # --- what subclasses override -------------------------------------------------------------

    def instance(self):
        return None

    def initial(self) -> dict:
        return {}

    def form_kwargs(self) -> dict:
        return {}

    def extra(self) -> dict:
        return {}

    def save(self, form, seen: int) -> None:
        """Call the section's service with the form's data."""

    def after_save(self, form) -> str:
        return reverse(f"workflows:{self.back_to}", args=[self.assessment.pk])

    def draft_records(self) -> tuple[str, ...]:
        """What this form edits, as its service names it for the staleness check: an edit of
        one of these since a draft began means the record changed since (a new row: none)."""
        return (self.section,)

    # --- the shared flow ----------------------------------------------------------------------

    def _form(self, data=None, files=None, restored=None):
        initial = {"seen": audit.head(self.assessment)} | self.initial() | (restored or {})
        if "completed" in self.form_class.base_fields:
            done = self.section in full_of(self.assessment).completed_sections
            initial.setdefault("completed", "yes" if done else "")
        kwargs = self.form_kwargs()
        if hasattr(self.form_class, "_meta"):  # a ModelForm edits its row
            kwargs["instance"] = self.instance()
        return self.form_class(data, files, initial=initial, **kwargs)

    def render(self, form, status=None, **more):
        context = section_context(self.request, self.assessment, self.section) | {
            "form": form,
            "item": self.instance(),
        }
        if context["editable"]:  # a page sent back with errors is drafted too
            context |= drafts.autosave(self.request, self.assessment, form=form)
        return render(
            self.request,
            self.template,
            context | self.extra() | more,
            status=status or status_of(form),
        )

    def get(self, request, *args, **kwargs):
        form = self._form()
        if not self.editable:
            return self.render(form)
        more = drafts.offered(request, self.assessment, form=form, records=self.draft_records())
        draft = more.get("draft")
        if draft is not None and request.GET.get("draft") == "restore":
            # The draft fills the form; nothing is saved until the person presses Save. If the
            # record changed since, what is saved now is shown beside it, as after a 409.
            values = drafts.restored_values(draft, form)
            differs = drafts.saved_now(form, values)
            form = self._form(restored=values)
            more |= {"draft_restored": True}
            if more["draft_changed"]:
                more |= {"conflict": True, "saved_now": differs}
        return self.render(form, **more)

    def conflicted(self, error: Conflict):
        """Someone saved this section since the page was loaded: nothing is lost. The page
        comes back with the user's own text in the form (ready to save again over the newer
        version) and, beside it, what is saved now in each field that differs."""
        # Validating the user's form wrote their text onto the loaded row: read it afresh.
        self.assessment = assessment_or_404(self.request, self.assessment.pk)
        current = self._form()
        data = self.request.POST.copy()
        data["seen"] = str(audit.head(self.assessment))
        theirs = self._form(data, self.request.FILES or None)
        theirs.is_valid()
        saved_now = []
        for name, field in theirs.fields.items():
            if name in ("seen", "completed"):
                continue
            mine, now = theirs[name].value(), current[name].value()
            if str(mine or "") != str(now or ""):
                shown = dict(getattr(field, "choices", [])).get(now, now) if now else ""
                saved_now.append((field.label or name, str(shown or "")))
        theirs.add_error(
            None,
            f"{error.message.split(', so your change')[0]}. Your text is kept below and was "
            "not saved yet. What is saved now is shown above the form: compare them, then save "
            "again to keep yours.",
        )
        return self.render(theirs, status=409, saved_now=saved_now, conflict=True)

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST, request.FILES or None)
        if not form.is_valid():
            return self.render(form)
        try:
            self.save(form, form.cleaned_data["seen"])
        except InvalidInput as error:
            form.add_error(self.error_field, error.message)
            return self.render(form)
        except Conflict as error:
            return self.conflicted(error)
        draft_services.discard_draft(
            by=request.user,
            assessment_id=self.assessment.pk,
            page=drafts.page_of(request, self.assessment),
        )
        choice = form.cleaned_data.get("completed")
        if choice:
            section_services.mark_section(
                assessment_id=self.assessment.pk,
                seen=audit.head(self.assessment),
                by=request.user,
                section=self.section,
                completed=choice == "yes",
            )
        messages.success(request, self.saved_message or f"'{self.section.label}' saved.")
        return redirect(self.after_save(form))


def section_context(request, assessment, section) -> dict:
    """Context every section page shares: who may edit, the token, and the officer's comment."""
    last_return = (
        assessment.audit_events.filter(event_type__in=GROUPS[EventGroup.RETURNS])
        .order_by("-sequence")
        .first()
    )
    comment = ""
    if last_return and assessment.state in (State.FULL_ASSESSMENT, State.RURALITY_PROOFING):
        comment = (last_return.details.get("section_comments") or {}).get(section, "")
    return {
        "assessment": assessment,
        # A duty module's section (eia.duty_modules) is no Section: its page gives its title.
        "section": Section(section) if section in Section.values else None,
        "editable": section_services.can_edit_section(request.user, assessment, section),
        "section_comment": comment,
        "section_comment_by": last_return.actor_name if comment else "",
        "seen": audit.head(assessment),
    }


# ---------------------------------------------------------------------------------------------
# Whole-section pages


class ProposalPage(SectionPage):
    section = Section.PROPOSAL
    form_class = ProposalForm
    template = "workflows/sections/proposal.html"

    def instance(self):
        full = full_of(self.assessment)
        if full.pk is None:
            _prefill(full, self.assessment)
        return full

    def extra(self):
        return {"full": self.instance()}

    def save(self, form, seen):
        section_services.save_proposal(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            data={name: form.cleaned_data[name] for name in section_services.PROPOSAL_FIELDS},
        )


class ConclusionPage(SectionPage):
    section = Section.CONCLUSION
    form_class = ConclusionForm
    template = "workflows/sections/conclusion.html"

    def instance(self):
        return full_of(self.assessment)

    def form_kwargs(self):
        related = PipelineItem.objects.filter(
            organisation_id=self.assessment.organisation_id
        ).exclude(pk=self.assessment.pipeline_item_id)
        return {"related_queryset": related}

    def extra(self):
        return {"full": self.instance()}

    def save(self, form, seen):
        section_services.save_conclusion(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            data={name: form.cleaned_data[name] for name in section_services.CONCLUSION_FIELDS},
            related_item_ids=[i.pk for i in form.cleaned_data["related_items"]],
        )


class ListPage(SectionPage):
    """A list section's page: its rows, and a form that only records whether it is complete."""

    def rows(self) -> dict:
        return {}

    def extra(self):
        return self.rows()


class EvidenceList(ListPage):
    section = Section.EVIDENCE
    template = "workflows/sections/evidence.html"

    def rows(self):
        return {
            "items": self.assessment.evidence.all(),
            "gaps": self.assessment.evidence_gaps.select_related("action__owner"),
        }


class EngagementList(ListPage):
    section = Section.ENGAGEMENT
    template = "workflows/sections/engagement.html"

    def rows(self):
        full = full_of(self.assessment)
        return {
            "items": self.assessment.engagement.all(),
            "consultation": consultation.of(full, screening.duty_of(self.assessment.screening)),
        }


class ImpactList(ListPage):
    section = Section.IMPACTS
    template = "workflows/sections/impacts.html"

    def rows(self):
        recorded = {i.characteristic: i for i in self.assessment.impacts.all()}
        groups = screening.characteristics_in_scope(self.assessment.screening)
        levels = presenters.screening_levels(self.assessment)
        return {"rows": [(group, recorded.get(group.id), levels.get(group.id)) for group in groups]}


class ActionList(ListPage):
    section = Section.ACTIONS
    template = "workflows/sections/actions.html"

    def rows(self):
        label = impact_label(self.assessment)
        items = list(self.assessment.actions.select_related("owner").prefetch_related("impacts"))
        for action in items:
            action.addresses = [label(impact) for impact in action.impacts.all()]
        return {"items": items}


class RuralityPage(SectionPage):
    section = Section.RURALITY
    form_class = RuralityForm
    template = "workflows/sections/rurality.html"

    def initial(self):
        initial = {}
        proofing = getattr(self.assessment, "rurality", None)
        if proofing is not None:
            initial |= {name: getattr(proofing, name) for name in rurality_services.PROOFING_FIELDS}
        for row in self.assessment.rural_impacts.all():
            initial |= {
                f"{row.theme}__kind": row.kind,
                f"{row.theme}__description": row.description,
                f"{row.theme}__scale": row.scale,
            }
        return initial

    def extra(self):
        rural = self.assessment.actions.filter(kind=Action.Kind.RURAL).select_related("owner")
        return {"rural_actions": rural, "themes": RuralTheme}

    def save(self, form, seen):
        rurality_services.save_rurality(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            themes=form.themes(),
            data={name: form.cleaned_data[name] for name in rurality_services.PROOFING_FIELDS},
        )
