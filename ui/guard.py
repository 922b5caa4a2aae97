"""Run one page so that no exception reaches the planner as a traceback.

An :class:`model.errors.InputError` is shown as its bilingual problem list in the chosen language;
a model module that has not landed yet says so; anything else is shown as a one-line message with
the exception type (the traceback goes to the server log only).
"""
from __future__ import annotations

import logging
from typing import Callable

import streamlit as st

from model.errors import InputError, more_line
from ui import safe
from ui.i18n import t

log = logging.getLogger("sifsim.app")


def error_message(err: BaseException, lang: str) -> tuple[str, str]:
    """``(kind, text)`` for an exception: kind is ``"input"``, ``"missing"`` or ``"unexpected"``."""
    if isinstance(err, InputError):  # the user's values are escaped: shown as text, not Markdown
        shown = err.shown()
        more = [f"- {safe.md(more_line(len(err.problems), lang))}"] if len(err.problems) > len(shown) else []
        return "input", t("error.input", lang) + "\n\n" + "\n\n".join(
            [f"- {safe.md(p.text(lang))}" for p in shown] + more)
    if isinstance(err, ModuleNotFoundError) and (err.name or "").startswith("model"):
        return "missing", t("error.module_missing", lang, module=err.name)
    message = str(err).strip().splitlines()[0] if str(err).strip() else "—"
    return "unexpected", t("error.unexpected", lang, kind=type(err).__name__, message=safe.md(message[:200]))


def show_error(err: BaseException, lang: str) -> None:
    kind, text = error_message(err, lang)
    if kind == "missing":
        st.info(text)
    else:
        st.error(text)


def render_safely(render: Callable[[str], None], lang: str) -> None:
    """Call ``render(lang)``; show any ``Exception`` as a message instead of a traceback.

    Streamlit's own control flow (rerun, stop) derives from ``BaseException`` and passes through.
    """
    try:
        render(lang)
    except Exception as err:  # noqa: BLE001 - the whole point: the page shows every failure
        if isinstance(err, (InputError, ModuleNotFoundError)):
            log.info("page stopped: %s", err)
        else:
            log.exception("page failed")
        show_error(err, lang)
