"""A duty module's section page (one generic page for every module file) and the officer's
authorisation of its "assessment not required" declaration."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from eia import duty_modules
from eia.authorization import Permission, has_authored, has_permission
from eia.errors import InvalidInput, NotFound
from eia.models import State
from eia.services import duty_modules as duty_services

from ..forms.base import SeenForm
from ..forms.duty_modules import DutyModuleForm
from .common import assessment_or_404
from .sections import SectionPage

AUTHORISABLE = (
    State.SCREENING,
    State.SCREENING_REVIEW,
    State.FULL_ASSESSMENT,
    State.RURALITY_PROOFING,
    State.OFFICER_REVIEW,
)


def module_or_404(assessment, module_id: str):
    module = next((m for m in duty_modules.applicable(assessment) if m.id == module_id), None)
    if module is None:
        raise NotFound("This assessment has no such duty section.")
    return module


class DutyModulePage(SectionPage):
    form_class = DutyModuleForm
    template = "workflows/sections/duty_module.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.module = module_or_404(self.assessment, kwargs["module"])
        self.section = duty_modules.section_key(self.module.id)
        self.row = duty_modules.answers_of(self.assessment, self.module.id)
        self.saved_message = f"'{self.module.title}' saved."

    def form_kwargs(self):
        return {"module": self.module}

    def initial(self):
        return DutyModuleForm.initial_from(self.module, self.row)

    def render(self, form, status=None, **more):
        user = self.request.user
        can_authorise = (
            self.row is not None
            and self.row.not_required
            and self.row.authorised_by_id is None
            and self.assessment.state in AUTHORISABLE
            and has_permission(
                user, Permission.REVIEW_ASSESSMENT, organisation_id=self.assessment.organisation_id
            )
            and not has_authored(user, self.assessment)
        )
        more |= {
            "module": self.module,
            "row": self.row,
            "readable": self.module.readable(
                self.row.answers if self.row else {}, public_only=False
            ),
            "can_authorise": can_authorise,
        }
        return super().render(form, status=status, **more)

    def save(self, form, seen):
        duty_services.save_module_answers(
            assessment_id=self.assessment.pk,
            seen=seen,
            by=self.request.user,
            module_id=self.module.id,
            answers=form.answers(),
            not_required=bool(form.cleaned_data.get("not_required")),
            reasons=form.cleaned_data.get("not_required_reasons", ""),
        )


@require_POST
def authorise(request, pk: int, module: str):
    assessment = assessment_or_404(request, pk)
    found = module_or_404(assessment, module)
    form = SeenForm(request.POST)
    if not form.is_valid():
        raise InvalidInput("The page was incomplete. Reload it and try again.")
    duty_services.authorise_not_required(
        assessment_id=pk, seen=form.cleaned_data["seen"], by=request.user, module_id=found.id
    )
    messages.success(request, f"You authorised that '{found.title}' is not required.")
    return redirect(reverse("workflows:section_duty", args=[pk, found.id]))
