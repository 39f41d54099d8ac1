"""Results: a report document (what the CLI writes with ``--json``) and its tables as DataFrames.

The tables are read from the document by the same C++ code that writes ``--csv DIR``
(``src/report/json_tables.hpp``): ``summary`` (every scalar, by dotted key), ``by_year`` (every
series by year, the unit in the column name, years as the index) and one table per list of
records (``package_credits``, ``sensitivity.tornado.bars`` ...). A field the documents gain
appears here without a change to this file.
"""

from __future__ import annotations

import io
import json
from typing import Any, Dict, List

import pandas as pd

from . import _core


def _frame(columns: List[str], rows: List[List[Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


class Result:
    """A report document with its tables.

    Attributes:
        kind: which run produced it ("outlook", "montecarlo", ...).
        json: the document's text, byte for byte what ``decarbfund <verb> --json -`` prints.
        doc: the document parsed (a dict).
        summary: every scalar of the document by dotted key (``"legs.levy_mt"``).
        by_year: every series by year (index ``year``; columns named with their unit, e.g.
            ``emissions_t``, ``levy_revenue_eur``, ``dpr_price_eur_per_t.general``), or an empty
            DataFrame when the document has none.
        tables: every table by name (``summary``, ``by_year`` and the lists of records).
    """

    def __init__(self, kind: str, text: str):
        self.kind = kind
        self.json = text
        self.doc: Dict[str, Any] = json.loads(text)
        self.tables: Dict[str, pd.DataFrame] = {}
        self.summary: Dict[str, Any] = {}
        for name, columns, rows in _core.json_tables(text):
            frame = _frame(columns, rows)
            if name == "summary":
                self.summary = dict(rows)
                frame = frame.set_index("item")
            elif name == "by_year":
                frame = frame.set_index("year")
            self.tables[name] = frame
        self.by_year: pd.DataFrame = self.tables.get("by_year", pd.DataFrame(index=pd.Index([], name="year")))

    def __getitem__(self, table: str) -> pd.DataFrame:
        """A table by name: ``result["package_credits"]``."""
        return self.tables[table]

    def __repr__(self) -> str:
        tables = ", ".join(name for name in self.tables)
        return f"<decarbfund {self.kind}: {len(self.tables)} tables ({tables})>"


class MonteCarlo(Result):
    """A Monte Carlo run: the document of ``decarbfund montecarlo --json`` and ``draws``, one row per
    draw (index ``draw``): achieved_t, levy_leg_t, package_leg_t, budget_outlay_eur,
    ``emissions_t.<year>`` and the drawn value of every uncertain input under its id — the records
    ``montecarlo --draws-out`` writes."""

    def __init__(self, text: str, columns: List[str], records):
        super().__init__("montecarlo", text)
        self.draws = pd.DataFrame(records, columns=columns[1:])
        self.draws.index = pd.RangeIndex(len(self.draws), name=columns[0])


class SmeAllocation(Result):
    """A round's allocation: the summary of ``decarbfund sme allocate --json`` and ``awards``, the
    award file (one row per application) as a DataFrame."""

    def __init__(self, text: str, awards_csv: str):
        super().__init__("sme_allocation", text)
        self.awards = pd.read_csv(io.StringIO(awards_csv), comment="#")


__all__ = ["Result", "MonteCarlo", "SmeAllocation"]
