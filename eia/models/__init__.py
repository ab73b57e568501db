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
from .fingerprints import TextFingerprint
from .organisations import Directorate, Nation, Organisation, User
from .pipeline import PipelineItem
from .pipeline_history import PipelineChange
from .reference import DecisionBody, Meeting, SettingChange
from .screening import LocalCharacteristic, Screening

__all__ = [
    "FULL_SECTIONS",
    "RURAL_SECTIONS",
    "Action",
    "Conclusion",
    "DecisionRecord",
    "Direction",
    "Engagement",
    "EvidenceGap",
    "EvidenceItem",
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
    "AuditEvent",
    "Authorship",
    "DecisionBody",
    "Directorate",
    "Meeting",
    "Nation",
    "Organisation",
    "PipelineChange",
    "PipelineItem",
    "ScreeningOutcome",
    "State",
    "TextFingerprint",
    "User",
]
