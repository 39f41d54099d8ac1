"""decarbfund: the engine for the Klimaatfonds industry lot (perceel 5), from Python.

The same C++ as the ``decarbfund`` command, bound with pybind11; every run returns the document
the command writes with ``--json`` (``result.doc``) and its tables as pandas DataFrames
(``result.by_year``, ``result["package_credits"]`` …). docs/python.md has a walk-through.

    >>> import decarbfund as df
    >>> o = df.outlook("coalition-2023")
    >>> o.summary["achieved_mt"], o.by_year["emissions_t"].loc[2030]

Use Debian's interpreter, ``/usr/bin/python3`` (python3-pandas); the build puts the package in
``build/python`` and ``make install`` in ``PREFIX/lib/python3.X/dist-packages``.
"""

from . import _core
from ._api import (
    Dataset,
    InputError,
    Scenario,
    compare,
    deal_assess,
    levy,
    load_dataset,
    load_scenario,
    montecarlo,
    optimize,
    outlook,
    scenarios_dir,
    sme_allocate,
)
from ._results import MonteCarlo, Result, SmeAllocation

__version__ = _core.generator.split()[-1]

__all__ = [
    "Dataset",
    "InputError",
    "MonteCarlo",
    "Result",
    "Scenario",
    "SmeAllocation",
    "compare",
    "deal_assess",
    "levy",
    "load_dataset",
    "load_scenario",
    "montecarlo",
    "optimize",
    "outlook",
    "scenarios_dir",
    "sme_allocate",
]
