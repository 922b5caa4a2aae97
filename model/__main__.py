"""``python -m model …``: the command-line entry point (``model.cli.main``).

OpenBLAS starts a worker thread per core when numpy loads, and idle workers spin for a while
after each call. The engine's products run on one BLAS thread anyway (``model.engine.threads``),
so the command's process asks OpenBLAS for one thread from the start, unless the user has set
``OPENBLAS_NUM_THREADS``: about 0.1 s less CPU per command and no spinning worker competing with
the command's own work on a busy 2-core machine (benchmarks/README.md, third pass). Results
are those of the engine's one-thread products either way.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from model.cli import main  # noqa: E402  (after the thread setting: numpy reads it on load)

raise SystemExit(main())
