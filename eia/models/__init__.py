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
from .organisations import Directorate, Nation, Organisation, User
from .pipeline import PipelineItem
from .screening import LocalCharacteristic, Screening

__all__ = [
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
    "Directorate",
    "Nation",
    "Organisation",
    "PipelineItem",
    "ScreeningOutcome",
    "State",
    "User",
]
