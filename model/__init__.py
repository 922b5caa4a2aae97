"""sifsim — 社保基金精算沙盘: actuarial projection of a prefecture's five social insurance funds.

The packages are the stages of the flow, and imports run one way (checked by import-linter,
``[tool.importlinter]`` in ``pyproject.toml``)::

    cli → reports → analysis → engine → scenarios → baseline → errors / units / paths

``from model.engine import Engine`` is the entry point for Python users; ``python -m model`` for
the command line. This file imports nothing, so ``python -m model --help`` starts fast.
"""
