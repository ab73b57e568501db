"""The process's forms, by page family: decisions (review, sign-off, publication and the like),
sections (the full assessment) and screening (generated from the rule set's questions)."""
