"""Duty modules: the other duties a screening can flag (Fairer Scotland, Welsh language, rural
needs...), each a versioned file `duties/<id>/v<N>.toml` released and locked like a rule set.

A module says when it applies (screening flags, characteristics in scope, or always in its
jurisdictions), the questions it asks with their guidance, the aims or principles it asks about,
its lawful minimum (the required questions), its quality checks, the attestation the
decision-maker gives, its citation, which answers it publishes, and optionally an "assessment
not required" declaration and an annual monitoring return. The web app stores the module's id,
version and SHA-256 with the answers, so they are always read with the file they were given
against. Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .layout import DUTIES, file_path, resolve_root, sha256_of, version_of
from .model import ID, JURISDICTIONS, Problem

MODULE_QUESTION_KINDS = ("text", "yes_no", "single_choice", "per_aim")
YES_NO_OPTIONS = (("yes", "Yes"), ("no", "No"))
DEFAULT_MAX_LENGTH = 5000


class DutyModuleError(Exception):
    """A duty module file that cannot be used, with the problems found."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = problems or []
        super().__init__(message + "".join(f"\n  {p}" for p in self.problems))


@dataclass(frozen=True)
class Aim:
    """An aim, principle, goal or dimension the module asks about (one answer each)."""

    id: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class ModuleQuestion:
    id: str
    kind: str  # one of MODULE_QUESTION_KINDS
    label: str
    hint: str = ""
    error: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label); yes_no has YES_NO_OPTIONS
    max_length: int = DEFAULT_MAX_LENGTH
    required: bool = True  # part of the lawful minimum
    public: bool = True  # published with the assessment (false: internal only)
    show_if: tuple[str, str] | None = None  # (earlier question id, the answer that shows it)

    def option_label(self, value: str) -> str:
        return dict(self.options).get(value, value)


@dataclass(frozen=True)
class QualityCheck:
    """A warning for the equality officer: an answer equal to a value, or shorter than a size."""

    id: str
    message: str
    question: str
    equals: str = ""
    shorter_than: int = 0


@dataclass(frozen=True)
class NotRequired:
    """An "assessment not required" declaration: reasons, authorised by someone other than the
    author; `publish` says whether the decision not to assess is published."""

    label: str
    reasons_label: str
    hint: str = ""
    publish: bool = True


@dataclass(frozen=True)
class MonitoringReturn:
    """The annual return compiled from a year's module answers (one row per assessment)."""

    title: str
    citation: str
    year_starts: str  # "04-01": the month and day each reporting year starts
    columns: tuple[tuple[str, str], ...]  # (question id, column heading)


@dataclass(frozen=True)
class DutyModule:
    id: str
    version: int
    title: str
    citation: str
    guidance: str
    attestation: str
    jurisdictions: tuple[str, ...]
    released: date | None
    questions: tuple[ModuleQuestion, ...]
    aims: tuple[Aim, ...] = ()
    flags: tuple[str, ...] = ()
    characteristics: tuple[str, ...] = ()
    always: bool = False
    stage: str = ""  # served by the app's own pages (rurality proofing), not as a module section
    public_heading: str = ""
    quality: tuple[QualityCheck, ...] = ()
    not_required: NotRequired | None = None
    monitoring_return: MonitoringReturn | None = None
    sha256: str = ""

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def question(self, question_id: str) -> ModuleQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def applies(
        self, *, jurisdiction: str, flags: set[str] | frozenset[str], characteristics
    ) -> bool:
        """Whether a screening with these flags and characteristics in scope needs this module."""
        if jurisdiction not in self.jurisdictions:
            return False
        return (
            self.always
            or bool(set(self.flags) & set(flags))
            or bool(set(self.characteristics) & set(characteristics))
        )

    def shown(self, answers: dict) -> list[ModuleQuestion]:
        """The questions asked for these answers (a `show_if` hides a question until its earlier
        question has the given answer; a hidden question's stored answer is ignored)."""
        return [
            q
            for q in self.questions
            if q.show_if is None or answers.get(q.show_if[0]) == q.show_if[1]
        ]

    def missing(self, answers: dict) -> list[ModuleQuestion | tuple[ModuleQuestion, Aim]]:
        """The lawful minimum still unanswered: each required question shown, and for a
        per-aim question each aim."""
        missing: list = []
        for question in self.shown(answers):
            if not question.required:
                continue
            value = answers.get(question.id)
            if question.kind == "per_aim":
                given = value if isinstance(value, dict) else {}
                missing += [
                    (question, aim) for aim in self.aims if not str(given.get(aim.id, "")).strip()
                ]
            elif not (isinstance(value, str) and value.strip()):
                missing.append(question)
        return missing

    def warnings(self, answers: dict) -> list[QualityCheck]:
        found = []
        for check in self.quality:
            value = answers.get(check.question)
            text = value if isinstance(value, str) else ""
            if (
                check.equals
                and text == check.equals
                or check.shorter_than
                and text.strip()
                and len(text.strip()) < check.shorter_than
            ):
                found.append(check)
        return found

    def readable(self, answers: dict, *, public_only: bool) -> list[tuple[str, str]]:
        """(label, answer in words) for every shown, answered question, in file order."""
        pairs = []
        for question in self.shown(answers):
            if public_only and not question.public:
                continue
            value = answers.get(question.id)
            if question.kind == "per_aim" and isinstance(value, dict):
                pairs += [
                    (f"{question.label}: {aim.label}", str(value[aim.id]))
                    for aim in self.aims
                    if str(value.get(aim.id, "")).strip()
                ]
            elif isinstance(value, str) and value.strip():
                pairs.append((question.label, question.option_label(value)))
        return pairs


# ---------------------------------------------------------------------------------------------
# Reading a file


class _Reader:
    """Reads a table's keys with their types, collecting problems rather than stopping."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, message: str) -> None:
        self.problems.append(Problem(self.path, 1, message))

    def get(self, table: dict, key: str, kind, where: str, default=None, required=False):
        if key not in table:
            if required:
                self.problem(f"{where}: '{key}' is required")
            return default
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problem(f"{where}: '{key}' must be {getattr(kind, '__name__', kind)}")
            return default
        return value

    def known(self, table: dict, allowed: set[str], where: str) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(f"{where}: unknown key '{key}'")

    def ids(self, values, where: str) -> tuple[str, ...]:
        values = values or []
        for value in values:
            if not isinstance(value, str) or not ID.match(value):
                self.problem(f"{where}: '{value}' is not an id")
        return tuple(str(v) for v in values)


_MODULE_KEYS = {
    "id", "version", "title", "citation", "guidance", "attestation", "jurisdictions", "released",
    "flags", "characteristics", "always", "stage", "public_heading",
}  # fmt: skip
_QUESTION_KEYS = {
    "id", "kind", "label", "hint", "error", "options", "max_length", "required", "public",
    "show_if",
}  # fmt: skip


def _question(reader: _Reader, raw: dict, index: int, earlier: dict) -> ModuleQuestion | None:
    where = f"questions[{index}]"
    if not isinstance(raw, dict):
        reader.problem(f"{where} must be a table")
        return None
    reader.known(raw, _QUESTION_KEYS, where)
    qid = reader.get(raw, "id", str, where, "", required=True)
    kind = reader.get(raw, "kind", str, where, "", required=True)
    if qid and not ID.match(qid):
        reader.problem(f"{where}: '{qid}' is not an id")
    if qid in earlier:
        reader.problem(f"{where}: duplicate question id '{qid}'")
    if kind and kind not in MODULE_QUESTION_KINDS:
        reader.problem(f"{where}: unknown kind '{kind}' (use one of {MODULE_QUESTION_KINDS})")
    options: tuple[tuple[str, str], ...] = ()
    if kind == "yes_no":
        options = YES_NO_OPTIONS
    elif kind == "single_choice":
        raw_options = reader.get(raw, "options", list, where, [], required=True)
        options = tuple(
            (str(o.get("value", "")), str(o.get("label", "")))
            for o in raw_options
            if isinstance(o, dict)
        )
        if len(options) != len(raw_options) or not all(v and label for v, label in options):
            reader.problem(f"{where}: every option needs a value and a label")
    show_if = None
    raw_show = reader.get(raw, "show_if", dict, where)
    if raw_show is not None:
        target, value = raw_show.get("answer"), raw_show.get("equals")
        if target not in earlier or not isinstance(value, str):
            reader.problem(f"{where}: show_if needs an earlier question and an equals value")
        elif value not in dict(earlier[target].options):
            reader.problem(f"{where}: show_if value '{value}' is not an option of '{target}'")
        else:
            show_if = (target, value)
    max_length = reader.get(raw, "max_length", int, where, DEFAULT_MAX_LENGTH)
    if not 0 < max_length <= DEFAULT_MAX_LENGTH:
        reader.problem(f"{where}: max_length must be between 1 and {DEFAULT_MAX_LENGTH}")
    return ModuleQuestion(
        id=qid,
        kind=kind,
        label=reader.get(raw, "label", str, where, "", required=True),
        hint=reader.get(raw, "hint", str, where, ""),
        error=reader.get(raw, "error", str, where, ""),
        options=options,
        max_length=max_length,
        required=reader.get(raw, "required", bool, where, True),
        public=reader.get(raw, "public", bool, where, True),
        show_if=show_if,
    )


def _quality(reader: _Reader, raw: list, questions: dict) -> tuple[QualityCheck, ...]:
    checks = []
    for index, table in enumerate(raw):
        where = f"quality[{index}]"
        if not isinstance(table, dict):
            reader.problem(f"{where} must be a table")
            continue
        reader.known(table, {"id", "message", "question", "equals", "shorter_than"}, where)
        check = QualityCheck(
            id=reader.get(table, "id", str, where, "", required=True),
            message=reader.get(table, "message", str, where, "", required=True),
            question=reader.get(table, "question", str, where, "", required=True),
            equals=reader.get(table, "equals", str, where, ""),
            shorter_than=reader.get(table, "shorter_than", int, where, 0),
        )
        if check.question not in questions:
            reader.problem(f"{where}: unknown question '{check.question}'")
        if bool(check.equals) == bool(check.shorter_than):
            reader.problem(f"{where}: give exactly one of 'equals' or 'shorter_than'")
        checks.append(check)
    return tuple(checks)


def _not_required(reader: _Reader, raw) -> NotRequired | None:
    if raw is None:
        return None
    where = "not_required"
    if not isinstance(raw, dict):
        reader.problem(f"{where} must be a table")
        return None
    reader.known(raw, {"label", "reasons_label", "hint", "publish"}, where)
    return NotRequired(
        label=reader.get(raw, "label", str, where, "", required=True),
        reasons_label=reader.get(raw, "reasons_label", str, where, "", required=True),
        hint=reader.get(raw, "hint", str, where, ""),
        publish=reader.get(raw, "publish", bool, where, True),
    )


def _monitoring_return(reader: _Reader, raw, questions: dict) -> MonitoringReturn | None:
    if raw is None:
        return None
    where = "monitoring_return"
    if not isinstance(raw, dict):
        reader.problem(f"{where} must be a table")
        return None
    reader.known(raw, {"title", "citation", "year_starts", "columns"}, where)
    columns = []
    for column in reader.get(raw, "columns", list, where, [], required=True):
        if not isinstance(column, dict) or column.get("question") not in questions:
            reader.problem(f"{where}: each column needs a known 'question' and a 'heading'")
            continue
        columns.append((column["question"], str(column.get("heading") or column["question"])))
    year_starts = reader.get(raw, "year_starts", str, where, "04-01")
    try:
        date.fromisoformat(f"2000-{year_starts}")
    except ValueError:
        reader.problem(f"{where}: year_starts must be MM-DD")
        year_starts = "04-01"
    return MonitoringReturn(
        title=reader.get(raw, "title", str, where, "", required=True),
        citation=reader.get(raw, "citation", str, where, "", required=True),
        year_starts=year_starts,
        columns=tuple(columns),
    )


def parse_module(path: Path) -> tuple[DutyModule | None, list[Problem]]:
    """A module file read and checked: (the module, []) or (None, its problems)."""
    reader = _Reader(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return None, [Problem(path, 1, f"not valid TOML: {error}")]
    reader.known(
        data,
        {"module", "aims", "questions", "quality", "not_required", "monitoring_return"},
        "file",
    )
    meta = data.get("module")
    if not isinstance(meta, dict):
        return None, [Problem(path, 1, "the file needs a [module] table")]
    reader.known(meta, _MODULE_KEYS, "module")
    module_id = reader.get(meta, "id", str, "module", "", required=True)
    version = reader.get(meta, "version", int, "module", 0, required=True)
    if module_id != path.parent.name or version != version_of(path):
        reader.problem(
            f"module: id and version must match the file's place ({path.parent.name}, "
            f"v{version_of(path)})"
        )
    jurisdictions = reader.ids(reader.get(meta, "jurisdictions", list, "module", []), "module")
    for jurisdiction in jurisdictions:
        if jurisdiction not in JURISDICTIONS:
            reader.problem(f"module: unknown jurisdiction '{jurisdiction}'")
    if not jurisdictions:
        reader.problem("module: 'jurisdictions' must name at least one")
    aims = []
    for index, raw in enumerate(data.get("aims", [])):
        if (
            not isinstance(raw, dict)
            or not ID.match(str(raw.get("id", "")))
            or not raw.get("label")
        ):
            reader.problem(f"aims[{index}] needs an id and a label")
            continue
        aims.append(Aim(id=raw["id"], label=str(raw["label"]), hint=str(raw.get("hint", ""))))
    questions: dict[str, ModuleQuestion] = {}
    for index, raw in enumerate(data.get("questions", [])):
        question = _question(reader, raw, index, questions)
        if question is not None and question.id:
            questions[question.id] = question
    if not questions:
        reader.problem("the module asks no questions")
    if any(q.kind == "per_aim" for q in questions.values()) and not aims:
        reader.problem("a per_aim question needs [[aims]]")
    released = meta.get("released")
    module = DutyModule(
        id=module_id,
        version=version,
        title=reader.get(meta, "title", str, "module", "", required=True),
        citation=reader.get(meta, "citation", str, "module", "", required=True),
        guidance=reader.get(meta, "guidance", str, "module", "", required=True),
        attestation=reader.get(meta, "attestation", str, "module", "", required=True),
        jurisdictions=jurisdictions,
        released=released if isinstance(released, date) else None,
        questions=tuple(questions.values()),
        aims=tuple(aims),
        flags=reader.ids(reader.get(meta, "flags", list, "module", []), "module"),
        characteristics=reader.ids(
            reader.get(meta, "characteristics", list, "module", []), "module"
        ),
        always=reader.get(meta, "always", bool, "module", False),
        stage=reader.get(meta, "stage", str, "module", ""),
        public_heading=reader.get(meta, "public_heading", str, "module", ""),
        quality=_quality(reader, data.get("quality", []), questions),
        not_required=_not_required(reader, data.get("not_required")),
        monitoring_return=_monitoring_return(reader, data.get("monitoring_return"), questions),
        sha256=sha256_of(path),
    )
    if not (module.always or module.flags or module.characteristics or module.stage):
        reader.problem("module: say when it applies (flags, characteristics or always)")
    if reader.problems:
        return None, reader.problems
    return module, []


# ---------------------------------------------------------------------------------------------
# Finding modules


def module_ids(*, root: Path | str | None = None) -> list[str]:
    folder = resolve_root(root) / DUTIES
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def module_versions(module_id: str, *, root: Path | str | None = None) -> list[int]:
    folder = resolve_root(root) / DUTIES / module_id
    found = (version_of(p) for p in folder.glob("v*.toml")) if folder.is_dir() else ()
    return sorted(v for v in found if v is not None)


def load_module(
    module_id: str,
    version: int | None = None,
    *,
    root: Path | str | None = None,
    expect_sha256: str | None = None,
) -> DutyModule:
    """One module; version None means the latest. A stored hash that does not match raises:
    the answers were given against another file."""
    root = resolve_root(root)
    if not ID.match(module_id or ""):
        raise DutyModuleError(f"'{module_id}' is not a duty module id")
    if version is None:
        versions = module_versions(module_id, root=root)
        if not versions:
            raise DutyModuleError(f"no duty module '{module_id}' under {root / DUTIES}")
        version = versions[-1]
    path = file_path(root, DUTIES, module_id, version)
    if not path.is_file():
        raise DutyModuleError(f"no duty module '{module_id}' version {version}")
    module, problems = parse_module(path)
    if module is None:
        raise DutyModuleError(f"duty module {module_id}@{version} cannot be loaded", problems)
    if expect_sha256 is not None and module.sha256 != expect_sha256:
        raise DutyModuleError(
            f"duty module {module_id}@{version} has sha256 {module.sha256}, not the expected "
            f"{expect_sha256}: the file has changed since it was used"
        )
    return module


def latest_modules(*, root: Path | str | None = None) -> list[DutyModule]:
    """The latest version of every module, sorted by id."""
    return [load_module(module_id, root=root) for module_id in module_ids(root=root)]
