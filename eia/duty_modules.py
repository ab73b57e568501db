"""The Django side of duty modules (screening_rules/duties/): which modules an assessment's
screening calls for, their answers read with the module file they were given against, the lawful
minimum each adds, its quality flags and its lines in the summary and the public record.

A module applies when its screening flag is raised, a characteristic it names is in scope, or
always in its jurisdictions (the pinned rule set's). Screened in, its section joins the full
assessment's task list; screened out, it is on the short path, answered before the screening is
submitted. A module with a `stage` (rurality proofing) is not served here: it has its own
built-in section (Section.RURALITY), part of the full assessment when screened in and the short
path's own stage when screened out.
"""

from dataclasses import dataclass
from functools import lru_cache

from screening_rules import duty_modules
from screening_rules.duty_modules import DutyModule, DutyModuleError

from . import prefetching, screening
from .models import DutyModuleAnswers, Section

SECTION_PREFIX = "duty:"


@lru_cache(maxsize=64)
def _load(module_id: str, version: int | None, sha256: str | None) -> DutyModule:
    # Released files never change, so a loaded version can be kept for the process's lifetime.
    return duty_modules.load_module(module_id, version, expect_sha256=sha256)


@lru_cache(maxsize=1)
def _latest_ids() -> tuple[str, ...]:
    return tuple(duty_modules.module_ids())


def module_ids() -> tuple[str, ...]:
    """Every module's id, in order."""
    return _latest_ids()


def section_key(module_id: str) -> str:
    return f"{SECTION_PREFIX}{module_id}"


def module_of_section(section: str) -> str | None:
    """'duty:fairer_scotland' -> 'fairer_scotland'; None for a built-in section."""
    return section[len(SECTION_PREFIX) :] if section.startswith(SECTION_PREFIX) else None


@dataclass(frozen=True)
class SectionName:
    """A section as a Section is read (value, label), built-in or a duty module's."""

    value: str
    label: str


def section_label(section: str) -> str:
    """A built-in section's label, or a duty module's title (its id if the file is gone)."""
    module_id = module_of_section(section)
    if module_id is None:
        return Section(section).label
    try:
        return latest(module_id).title
    except DutyModuleError:
        return module_id


def named_section(section: str) -> SectionName:
    return SectionName(section, section_label(section))


def _stored(assessment) -> dict[str, DutyModuleAnswers]:
    if assessment.pk is None:
        return {}
    return {row.module: row for row in prefetching.rows(assessment, "duty_answers")}


def pinned(row: DutyModuleAnswers) -> DutyModule:
    return _load(row.module, row.module_version, row.module_sha256)


def latest(module_id: str) -> DutyModule:
    return _load(module_id, None, None)


def applicable(assessment) -> list[DutyModule]:
    """The modules this assessment's screening calls for (none until it is evaluated), each in
    the version its answers were given against, or the latest if none yet; in id order."""
    record = getattr(assessment, "screening", None)
    if record is None or not record.result:
        return []
    jurisdiction = screening.pinned_ruleset(record).jurisdiction
    flags = set(record.result.get("flags", ()))
    characteristics = set(record.result.get("characteristics", ()))
    stored = _stored(assessment)
    found = []
    for module_id in _latest_ids():
        module = pinned(stored[module_id]) if module_id in stored else latest(module_id)
        if module.stage:
            continue  # served by its own built-in section (rurality proofing)
        if module.applies(jurisdiction=jurisdiction, flags=flags, characteristics=characteristics):
            found.append(module)
    return found


def sections(assessment) -> tuple[str, ...]:
    return tuple(section_key(module.id) for module in applicable(assessment))


def answers_of(assessment, module_id: str) -> DutyModuleAnswers | None:
    return _stored(assessment).get(module_id)


@dataclass(frozen=True)
class ModuleProblem:
    module: DutyModule
    message: str


def problems(assessment, completed: set[str]) -> list[ModuleProblem]:
    """The lawful minimum of every module that applies: each required question answered (each
    aim of a per-aim question), or an authorised "not required" declaration with reasons; and
    the section marked as completed."""
    found = []
    stored = _stored(assessment)
    for module in applicable(assessment):
        row = stored.get(module.id)
        answers = row.answers if row else {}
        if row is not None and row.not_required:
            if not row.not_required_reasons.strip():
                found.append(ModuleProblem(module, f"{module.title}: give the reasons"))
            if row.authorised_by_id is None:
                found.append(
                    ModuleProblem(
                        module,
                        f"{module.title}: the declaration that it is not required must be "
                        "authorised by someone who did not write the assessment",
                    )
                )
        else:
            for missing in module.missing(answers):
                question, aim = missing if isinstance(missing, tuple) else (missing, None)
                what = f"{question.label} {aim.label.lower()}" if aim else question.label
                found.append(ModuleProblem(module, f"{module.title}: answer '{what}'"))
        if section_key(module.id) not in completed:
            found.append(ModuleProblem(module, f"Mark the '{module.title}' section as completed"))
    return found


def warnings(assessment) -> list[tuple[str, str]]:
    """(key, message) quality flags of the modules that apply."""
    stored = _stored(assessment)
    found = []
    for module in applicable(assessment):
        row = stored.get(module.id)
        if row is None or row.not_required:
            continue
        found += [
            (f"{module.id}.{check.id}", check.message) for check in module.warnings(row.answers)
        ]
    return found


def readable(assessment, *, public_only: bool) -> list[dict]:
    """Each applicable module with its answers in words, for the summary (everything) or the
    public record (only what the module publishes)."""
    stored = _stored(assessment)
    found = []
    for module in applicable(assessment):
        row = stored.get(module.id)
        entry = {
            "module": module.id,
            "version": module.version,
            "title": module.public_heading or module.title if public_only else module.title,
            "citation": module.citation,
            "attestation": module.attestation,
            "not_required": bool(row and row.not_required),
            "answers": [],
        }
        if row is None:
            found.append(entry)
            continue
        if row.not_required:
            if public_only and not (module.not_required and module.not_required.publish):
                continue
            label = module.not_required.label if module.not_required else "Not required"
            entry["answers"] = [[label, row.not_required_reasons]]
            if row.authorised_by_name and not public_only:  # officers' names stay internal
                entry["answers"].append(["Authorised by", row.authorised_by_name])
        else:
            pairs = module.readable(row.answers, public_only=public_only)
            entry["answers"] = [list(pair) for pair in pairs]
        found.append(entry)
    return found


def pinned_records(assessment) -> list[dict]:
    """Each applicable module as the organisation's lawyers need it (the judicial-review pack):
    the file's id, version and SHA-256 its answers are pinned to, its citation and attestation,
    every answer in words (internal ones included) and as stored, and any declaration that it
    was not required with who authorised it."""
    stored = _stored(assessment)
    readable_answers = {entry["module"]: entry for entry in readable(assessment, public_only=False)}
    found = []
    for module in applicable(assessment):
        row = stored.get(module.id)
        found.append(
            {
                "module": module.id,
                "title": module.title,
                # Loaded with the row's pin, so the file's version and hash are the row's.
                "version": module.version,
                "sha256": module.sha256,
                "answered": row is not None,
                "citation": module.citation,
                "attestation": module.attestation,
                "not_required": bool(row and row.not_required),
                "not_required_reasons": row.not_required_reasons if row else "",
                "authorised_by": row.authorised_by_name if row else "",
                "authorised_at": row.authorised_at if row else None,
                "answers": readable_answers[module.id]["answers"],
                "stored_answers": row.answers if row else {},
            }
        )
    return found
