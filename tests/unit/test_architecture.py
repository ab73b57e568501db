"""ARCHITECTURE.md must stay true: every path and test it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_path_named_in_architecture_md_exists():
    text = (ROOT / "ARCHITECTURE.md").read_text()
    missing = []
    for ref in re.findall(r"`([^`\s]+)`", text):
        path, _, test_name = ref.partition("::")
        if "/" not in path and not path.endswith((".py", ".md", ".toml")):
            continue
        file = ROOT / path
        if not file.exists():
            missing.append(path)
        elif test_name and f"def {test_name}(" not in file.read_text():
            missing.append(ref)
    assert missing == [], f"ARCHITECTURE.md names things that do not exist: {missing}"
