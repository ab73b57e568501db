from .organisations import Directorate, Nation, Organisation, User
from .pipeline import PipelineItem

__all__ = ["Directorate", "Nation", "Organisation", "PipelineItem", "User"]
