"""Documents built from the analyses: the 社预 budget tables, the execution analysis and the
leadership pack (deck, brief, workbook). Imports ``model.analysis`` and below, never ``model.cli``."""
