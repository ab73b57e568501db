from .assessment import (
    AUTHOR_STATES,
    FINISHED_STATES,
    LIVE_STATES,
    WITHDRAWABLE_STATES,
    Assessment,
    AssessmentUserObjectPermission,
    ScreeningOutcome,
    State,
)
from .audit import AppendOnlyError, AuditEvent
from .audit_anchors import AuditDigest, AuditHead
from .authorship import Authorship
from .content import (
    FULL_SECTIONS,
    RURAL_SECTIONS,
    Action,
    Conclusion,
    Direction,
    Engagement,
    EvidenceGap,
    EvidenceItem,
    FactChangeReason,
    FullAssessment,
    Impact,
    ReminderSent,
    RuralImpact,
    RuralityProofing,
    RuralTheme,
    Section,
    SignOff,
    Size,
)
from .decision import DecisionRecord, Outcome
from .drafts import Draft
from .duties import Duty, DutyException
from .duty_modules import DutyModuleAnswers
from .fingerprints import TextFingerprint
from .organisations import Directorate, Nation, Organisation, ReportingYear, User
from .outbox import OutboxEmail
from .pipeline import PipelineItem
from .pipeline_history import PipelineChange
from .reference import DecisionBody, Meeting, SettingChange
from .screening import LocalCharacteristic, Screening
from .security_log import SecurityEvent

__all__ = [
    "FULL_SECTIONS",
    "RURAL_SECTIONS",
    "Action",
    "Conclusion",
    "DecisionRecord",
    "Draft",
    "DutyModuleAnswers",
    "Direction",
    "Engagement",
    "EvidenceGap",
    "EvidenceItem",
    "FactChangeReason",
    "FullAssessment",
    "Impact",
    "ReminderSent",
    "RuralImpact",
    "RuralTheme",
    "RuralityProofing",
    "Outcome",
    "Section",
    "SettingChange",
    "SignOff",
    "Size",
    "AUTHOR_STATES",
    "FINISHED_STATES",
    "LocalCharacteristic",
    "Screening",
    "LIVE_STATES",
    "WITHDRAWABLE_STATES",
    "AppendOnlyError",
    "Assessment",
    "AssessmentUserObjectPermission",
    "AuditDigest",
    "AuditEvent",
    "AuditHead",
    "Authorship",
    "DecisionBody",
    "Duty",
    "DutyException",
    "Directorate",
    "Meeting",
    "Nation",
    "ReportingYear",
    "Organisation",
    "OutboxEmail",
    "PipelineChange",
    "PipelineItem",
    "ScreeningOutcome",
    "SecurityEvent",
    "State",
    "TextFingerprint",
    "User",
]
