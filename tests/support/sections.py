"""Complete a full assessment and rurality proofing through the real section services.

The implementation is shared with the demo data (workflows/demo/stories.py), so the demo and
the tests build records the same way a person would.
"""

from workflows.demo.stories import complete_full, complete_rurality

__all__ = ["complete_full", "complete_rurality"]
