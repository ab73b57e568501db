"""Reads for the process's pages, with query counts that do not grow with the data: task lists
(`tasks`), the decision calendar (`calendar`) and one assessment's page (`assessments`)."""
