"""Funding: city subsidies and EU grants for exchanges, their rules, applications, participant lists and budgets."""
