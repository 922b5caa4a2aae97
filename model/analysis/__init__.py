"""Questions asked of the engine: compare scenarios, goal-seek, sensitivity, Monte Carlo, backtest.

Each module takes scenarios and a calibrated engine (``model.engine.get_engine``) and returns
tables; none prints or parses arguments (that is ``model.cli``). Import the module you need
(``from model.analysis.compare import compare``): this file imports nothing, so a command loads
only what it runs.
"""
