"""Pages for the full assessment's sections. Adapters only: parse, call workflows.sections, render.

Authors see forms in their stages; everyone else in the organisation (and authors after
submission) sees the same section read-only. Posting to a section you may not edit is a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eia import screening
from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType
from eia.models import (
    Action,
    Engagement,
    EvidenceItem,
    Impact,
    PipelineItem,
    RuralTheme,
    Section,
    State,
    User,
)
from eia.uploads import MAX_UPLOAD_BYTES

from . import quality, rules, sections, selectors
from .section_forms import (
    ActionForm,
    ConclusionForm,
    EngagementForm,
    EvidenceForm,
    GapForm,
    ImpactForm,
    ProgressForm,
    ProposalForm,
    RuralityForm,
    SectionForm,
    StateOnlyForm,
)


def _assessment(request, pk):
    assessment = selectors.assessment_for(user=request.user, pk=pk)
    if assessment is None:
        raise Http404
    return assessment


def _guard_post(request, assessment, section):
    if request.method == "POST" and not sections.can_edit_section(
        request.user, assessment, section
    ):
        raise NotAllowed(
            "Only the author or a co-author can change this section, and only while the "
            "assessment is with them. A signed-off assessment is locked: start a review to "
            "change it."
        )


def _base(request, assessment, section, **extra):
    """Context every section page shares: who may edit, and the officer's comments for it."""
    editable = sections.can_edit_section(request.user, assessment, section)
    last_return = (
        assessment.audit_events.filter(
            event_type__in=[EventType.ASSESSMENT_RETURNED, EventType.REFERRED_BACK]
        )
        .order_by("-sequence")
        .first()
    )
    comment = ""
    if last_return and assessment.state in (State.FULL_ASSESSMENT, State.RURALITY_PROOFING):
        comment = (last_return.details.get("section_comments") or {}).get(section, "")
    return {
        "assessment": assessment,
        "section": Section(section),
        "editable": editable,
        "section_comment": comment,
        "section_comment_by": last_return.actor_name if comment else "",
    } | extra


def _saved(request, assessment, form, section, next_url=None):
    """After the main save: record 'completed' if the form asked, then go on."""
    choice = form.cleaned_data.get("completed")
    if choice:
        sections.mark_section(
            assessment_id=assessment.pk,
            by=request.user,
            expected_state=form.cleaned_data["state"],
            section=section,
            completed=choice == "yes",
        )
    messages.success(request, f"'{Section(section).label}' saved.")
    return redirect(next_url or reverse("workflows:assessment", args=[assessment.pk]))


def _initial(assessment) -> dict:
    """What every section form carries: the state and the audit position it was loaded at."""
    last = assessment.audit_events.order_by("-sequence").values_list("sequence", flat=True)
    return {"state": assessment.state, "seen": last.first() or 0}


def _completed_initial(assessment, section) -> str:
    return "yes" if section in quality.full_of(assessment).completed_sections else ""


# ---------------------------------------------------------------------------------------------
# Single-form sections


def proposal(request, pk):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.PROPOSAL)
    full = quality.full_of(assessment)
    if full.pk is None:
        _prefill(full, assessment)
    form = ProposalForm(
        request.POST or None,
        instance=full,
        initial=_initial(assessment)
        | {
            "completed": _completed_initial(assessment, Section.PROPOSAL),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in sections.PROPOSAL_FIELDS}
        sections.save_proposal(
            assessment_id=pk,
            by=request.user,
            expected_state=form.cleaned_data["state"],
            data=data,
            seen=form.cleaned_data.get("seen"),
        )
        return _saved(request, assessment, form, Section.PROPOSAL)
    return render(
        request,
        "workflows/sections/proposal.html",
        _base(request, assessment, Section.PROPOSAL, form=form, full=full),
        status=400 if form.errors else 200,
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


def conclusion(request, pk):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.CONCLUSION)
    full = quality.full_of(assessment)
    related = PipelineItem.objects.filter(organisation_id=assessment.organisation_id).exclude(
        pk=assessment.pipeline_item_id
    )
    form = ConclusionForm(
        request.POST or None,
        instance=full,
        related_queryset=related,
        initial=_initial(assessment)
        | {
            "completed": _completed_initial(assessment, Section.CONCLUSION),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in sections.CONCLUSION_FIELDS}
        sections.save_conclusion(
            assessment_id=pk,
            by=request.user,
            expected_state=form.cleaned_data["state"],
            data=data,
            related_item_ids=[i.pk for i in form.cleaned_data["related_items"]],
            seen=form.cleaned_data.get("seen"),
        )
        return _saved(request, assessment, form, Section.CONCLUSION)
    return render(
        request,
        "workflows/sections/conclusion.html",
        _base(request, assessment, Section.CONCLUSION, form=form, full=full),
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Evidence


def evidence(request, pk):
    assessment = _assessment(request, pk)
    return _list_section(
        request,
        assessment,
        Section.EVIDENCE,
        "workflows/sections/evidence.html",
        items=assessment.evidence.all(),
        gaps=assessment.evidence_gaps.select_related("action__owner"),
    )


def _list_section(request, assessment, section, template, **extra):
    """A list page whose own form only records 'Have you completed this section?'."""
    _guard_post(request, assessment, section)
    form = SectionForm(
        request.POST or None,
        initial=_initial(assessment) | {"completed": _completed_initial(assessment, section)},
    )
    if request.method == "POST" and form.is_valid():
        return _saved(request, assessment, form, section)
    return render(
        request,
        template,
        _base(request, assessment, section, form=form, **extra),
        status=400 if form.errors else 200,
    )


def evidence_edit(request, pk, evidence_id=None):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.EVIDENCE)
    item = (
        get_object_or_404(EvidenceItem, assessment=assessment, pk=evidence_id)
        if (evidence_id)
        else None
    )
    if request.method == "POST" and _content_length(request) > MAX_UPLOAD_BYTES + 1024 * 1024:
        # Refuse before reading the body: nothing is saved, and the message says why.
        form = EvidenceForm(instance=item, initial=_initial(assessment))
        return render(
            request,
            "workflows/sections/evidence_edit.html",
            _base(
                request,
                assessment,
                Section.EVIDENCE,
                form=form,
                item=item,
                too_large=f"The file must be smaller than "
                f"{MAX_UPLOAD_BYTES // 1048576} MB. Nothing was saved.",
            ),
            status=413,
        )
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        instance=item,
        initial=_initial(assessment),
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in sections.EVIDENCE_FIELDS}
        try:
            sections.save_evidence(
                assessment_id=pk,
                by=request.user,
                expected_state=form.cleaned_data["state"],
                data=data,
                evidence_id=item.pk if item else None,
                upload=form.cleaned_data.get("upload"),
                seen=form.cleaned_data.get("seen"),
            )
        except InvalidInput as error:
            form.add_error("upload", error.message)
        else:
            messages.success(request, "Evidence saved.")
            return redirect("workflows:section_evidence", pk=pk)
    return render(
        request,
        "workflows/sections/evidence_edit.html",
        _base(request, assessment, Section.EVIDENCE, form=form, item=item),
        status=400 if form.errors else 200,
    )


# What each "Remove" button removes: (service, its id keyword, page to return to, message).
REMOVALS = {
    "evidence": (sections.remove_evidence, "evidence_id", "section_evidence", "Evidence removed."),
    "gap": (sections.remove_gap, "gap_id", "section_evidence",
            "Evidence gap and its action removed."),
    "engagement": (sections.remove_engagement, "engagement_id", "section_engagement",
                   "Engagement removed."),
    "action": (sections.remove_action, "action_id", "section_actions", "Action removed."),
}  # fmt: skip


@require_POST
def remove(request, pk, kind, item_id):
    """Every "Remove" button: the page's state guards against removing from a stale page."""
    if kind not in REMOVALS:
        raise Http404
    service, id_keyword, back, message = REMOVALS[kind]
    form = StateOnlyForm(request.POST)
    if not form.is_valid():
        raise InvalidInput("The page was incomplete. Reload it and try again.")
    service(assessment_id=pk, by=request.user, expected_state=form.cleaned_data["state"],
            **{id_keyword: item_id})  # fmt: skip
    messages.success(request, message)
    return redirect(f"workflows:{back}", pk=pk)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _owners(assessment):
    return User.objects.filter(organisation_id=assessment.organisation_id, is_active=True)


def gap_add(request, pk):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.EVIDENCE)
    form = GapForm(request.POST or None, owners=_owners(assessment), initial=_initial(assessment))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sections.declare_gap(
            assessment_id=pk,
            by=request.user,
            expected_state=data["state"],
            description=data["description"],
            owner_id=data["owner"].pk if data["owner"] else None,
            target_date=data["target_date"],
        )
        messages.success(request, "Evidence gap recorded, with an action to close it.")
        return redirect("workflows:section_evidence", pk=pk)
    return render(
        request,
        "workflows/sections/gap.html",
        _base(request, assessment, Section.EVIDENCE, form=form),
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Engagement


def engagement(request, pk):
    assessment = _assessment(request, pk)
    return _list_section(
        request,
        assessment,
        Section.ENGAGEMENT,
        "workflows/sections/engagement.html",
        items=assessment.engagement.all(),
    )


def engagement_edit(request, pk, engagement_id=None):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.ENGAGEMENT)
    record = (
        get_object_or_404(Engagement, assessment=assessment, pk=engagement_id)
        if (engagement_id)
        else None
    )
    form = EngagementForm(request.POST or None, instance=record, initial=_initial(assessment))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in sections.ENGAGEMENT_FIELDS}
        sections.save_engagement(
            assessment_id=pk,
            by=request.user,
            expected_state=form.cleaned_data["state"],
            data=data,
            engagement_id=record.pk if record else None,
            seen=form.cleaned_data.get("seen"),
        )
        messages.success(request, "Engagement saved.")
        return redirect("workflows:section_engagement", pk=pk)
    return render(
        request,
        "workflows/sections/engagement_edit.html",
        _base(request, assessment, Section.ENGAGEMENT, form=form, item=record),
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Impacts


def impacts(request, pk):
    assessment = _assessment(request, pk)
    recorded = {i.characteristic: i for i in assessment.impacts.all()}
    rows = [
        (characteristic, recorded.get(characteristic.id))
        for characteristic in screening.characteristics_in_scope(assessment.screening)
    ]
    return _list_section(
        request, assessment, Section.IMPACTS, "workflows/sections/impacts.html", rows=rows
    )


def impact_edit(request, pk, characteristic):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.IMPACTS)
    found = {c.id: c for c in screening.characteristics_in_scope(assessment.screening)}
    if characteristic not in found:
        raise Http404
    group = found[characteristic]
    impact = Impact.objects.filter(assessment=assessment, characteristic=characteristic).first()
    initial = _initial(assessment)
    if impact is not None:
        initial |= {name: getattr(impact, name) for name in sections.IMPACT_FIELDS}
        initial["evidence"] = list(impact.evidence.values_list("pk", flat=True))
    else:
        row = ((assessment.screening.answers or {}).get("impact") or {}).get(characteristic) or {}
        if row.get("level") == "none":
            initial["direction"] = "neutral"
        elif row.get("level") in ("minor", "major"):
            initial |= {"direction": row.get("direction"), "size": row["level"]}
    form = ImpactForm(
        request.POST or None,
        characteristic=group,
        evidence=assessment.evidence.all(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name, "") for name in sections.IMPACT_FIELDS}
        sections.save_impact(
            assessment_id=pk,
            by=request.user,
            expected_state=form.cleaned_data["state"],
            characteristic=characteristic,
            data=data,
            evidence_ids=[e.pk for e in form.cleaned_data["evidence"]],
            seen=form.cleaned_data.get("seen"),
        )
        messages.success(request, f"Impact on {group.phrase} saved.")
        return redirect("workflows:section_impacts", pk=pk)
    return render(
        request,
        "workflows/sections/impact_edit.html",
        _base(request, assessment, Section.IMPACTS, form=form, group=group, impact=impact),
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Actions


def _impact_label(assessment):
    names = {c.id: c.name for c in screening.characteristics_in_scope(assessment.screening)}
    return lambda impact: (
        f"{names.get(impact.characteristic, impact.characteristic)}: "
        f"{impact.get_direction_display().lower()}"
        f"{f' ({impact.get_size_display().lower()})' if impact.size else ''}"
    )


def actions(request, pk):
    assessment = _assessment(request, pk)
    return _list_section(
        request,
        assessment,
        Section.ACTIONS,
        "workflows/sections/actions.html",
        items=assessment.actions.select_related("owner").prefetch_related("impacts"),
        impact_label=_impact_label(assessment),
    )


def action_edit(request, pk, action_id=None):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.ACTIONS)
    action = get_object_or_404(Action, assessment=assessment, pk=action_id) if action_id else None
    initial = _initial(assessment)
    if action is not None:
        initial |= {name: getattr(action, name) for name in sections.ACTION_FIELDS}
        initial |= {
            "owner": action.owner_id,
            "impacts": list(action.impacts.values_list("pk", flat=True)),
        }
    elif request.GET.get("kind") in Action.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = ActionForm(
        request.POST or None,
        owners=_owners(assessment),
        impacts=assessment.impacts.exclude(direction__in=["neutral"]),
        impact_label=_impact_label(assessment),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in sections.ACTION_FIELDS}
        owner = form.cleaned_data["owner"]
        try:
            sections.save_action(
                assessment_id=pk,
                by=request.user,
                expected_state=form.cleaned_data["state"],
                data=data,
                owner_id=owner.pk if owner else None,
                impact_ids=[i.pk for i in form.cleaned_data["impacts"]],
                action_id=action.pk if action else None,
                seen=form.cleaned_data.get("seen"),
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Action saved.")
            back = (
                "workflows:section_rurality"
                if data["kind"] == "rural" and (assessment.state == State.RURALITY_PROOFING)
                else "workflows:section_actions"
            )
            return redirect(back, pk=pk)
    return render(
        request,
        "workflows/sections/action_edit.html",
        _base(request, assessment, Section.ACTIONS, form=form, item=action),
        status=400 if form.errors else 200,
    )


def action_progress(request, action_id):
    action = get_object_or_404(
        Action.objects.select_related("assessment__pipeline_item", "owner").filter(
            assessment__organisation_id=request.user.organisation_id
        ),
        pk=action_id,
    )
    assessment = action.assessment
    if not rules.can_report_progress(request.user, assessment, action):
        raise NotAllowed("Only the action's owner, the authors or the equality team can.")
    form = ProgressForm(
        request.POST or None,
        initial={"status": action.status, "rag": action.rag, "progress_note": action.progress_note},
    )
    if request.method == "POST" and form.is_valid():
        sections.update_action_progress(action_id=action.pk, by=request.user, **form.cleaned_data)
        messages.success(request, "Progress recorded.")
        return redirect("workflows:assessment", pk=assessment.pk)
    return render(
        request,
        "workflows/sections/progress.html",
        {"assessment": assessment, "action": action, "form": form},
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Rurality proofing


def rurality(request, pk):
    assessment = _assessment(request, pk)
    _guard_post(request, assessment, Section.RURALITY)
    proofing = getattr(assessment, "rurality", None)
    initial = _initial(assessment) | {
        "completed": _completed_initial(assessment, Section.RURALITY),
    }
    if proofing is not None:
        initial |= {
            "evidence_used": proofing.evidence_used,
            "tailoring": proofing.tailoring,
            "monitoring": proofing.monitoring,
        }
    for row in assessment.rural_impacts.all():
        initial |= {
            f"{row.theme}__kind": row.kind,
            f"{row.theme}__description": row.description,
            f"{row.theme}__scale": row.scale,
        }
    form = RuralityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name] for name in ("evidence_used", "tailoring", "monitoring")
        }
        sections.save_rurality(
            assessment_id=pk,
            by=request.user,
            expected_state=form.cleaned_data["state"],
            themes=form.themes(),
            data=data,
            seen=form.cleaned_data.get("seen"),
        )
        return _saved(request, assessment, form, Section.RURALITY)
    rural_actions = assessment.actions.filter(kind=Action.Kind.RURAL).select_related("owner")
    return render(
        request,
        "workflows/sections/rurality.html",
        _base(
            request,
            assessment,
            Section.RURALITY,
            form=form,
            rural_actions=rural_actions,
            themes=RuralTheme,
        ),
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Evidence files: to the organisation always; to the public once published, if marked public


@login_not_required
def evidence_file(request, evidence_id):
    item = get_object_or_404(
        EvidenceItem.objects.select_related("assessment").exclude(file=""), pk=evidence_id
    )
    assessment = item.assessment
    published = assessment.state in (State.PUBLISHED, State.SUPERSEDED) and item.is_public
    if not (rules.can_view(request.user, assessment) or published):
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
