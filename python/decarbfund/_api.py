"""The functions of the decarbfund package (docs/python.md).

Each run calls the C++ engine (``decarbfund._core``) with the same inputs and defaults as the
CLI verb of the same name and returns the same document, parsed into a dict and DataFrames
(``_results.py``). Runs release the GIL, so threads can run scenarios side by side.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Union

import pandas as pd

from . import _core, _paths
from ._results import MonteCarlo, Result, SmeAllocation

Dataset = _core.Dataset
Scenario = _core.Scenario
InputError = _core.InputError

ScenarioLike = Union[None, str, os.PathLike, Mapping[str, Any], "Scenario"]

#: Set to False to keep quiet about where the dataset and scenarios were found.
verbose = True

_datasets: Dict[str, Dataset] = {}
_said: set = set()


def _say(what: str, path: str, how: str) -> None:
    """Says once per session which dataset or scenario was chosen for the caller."""
    line = f"decarbfund: {what} {path} ({how})"
    if how and verbose and line not in _said:
        _said.add(line)
        print(line, file=sys.stderr)


def _located(fn, what: str, given: Optional[Union[str, os.PathLike]]) -> str:
    path, how = fn("" if given is None else os.fspath(given), _paths.SHARE_DIR, _paths.SHARE_KIND)
    _say(what, path, how)
    return path


def scenarios_dir() -> str:
    """The folder scenario names are looked up in (that of the default scenario)."""
    return os.path.dirname(_core.locate_scenario("", _paths.SHARE_DIR, _paths.SHARE_KIND)[0])


def load_dataset(path: Optional[Union[str, os.PathLike]] = None, *, deals: Union[bool, str] = True) -> Dataset:
    """Loads a dataset and its deal book (``<path>/deals``).

    ``path`` defaults as the CLI's ``--data``: ``$DECARBFUND_DATA``, the share folder of this
    package (installed: ``share/decarbfund/data/nl``; in the build tree: the checkout's), else
    ``./data/nl``; where it came from is said on stderr. ``deals`` is False to run without deal
    files, or another deals folder. Datasets are loaded once per path and shared.
    """
    located = _located(_core.locate_dataset, "dataset", path)
    deals_dir = deals if isinstance(deals, str) else ""
    key = f"{located}|{deals_dir}|{deals is False}"  # as given: documents name the path
    if key not in _datasets:
        _datasets[key] = _core.load_dataset(located, deals_dir, deals is False)
    return _datasets[key]


def _base_file(name: str) -> str:
    return _located(_core.locate_scenario, "scenario", name)


def load_scenario(source: ScenarioLike = None, *, base: Optional[str] = None) -> Scenario:
    """A scenario from a file, a name (``"coalition-2023"``, looked up as the CLI's ``--scenario``),
    or a dict diff over a base, in the format of docs/scenarios.md::

        load_scenario({"base": "belastingplan-2026",
                       "prices": {"ets_eur_per_t": {2030: 70}}})
        load_scenario({"policy": {"levy": {...}}}, base="coalition-2023")

    ``base`` and ``target.reference`` in a diff are scenario names or files; ``name`` defaults to
    ``"<base>+diff"`` as in the API. Without a source: the default scenario (belastingplan-2026).
    """
    if isinstance(source, Scenario):
        return source
    if source is None or isinstance(source, (str, os.PathLike)):
        if base is not None:
            raise TypeError("base= goes with a dict diff, not with a scenario file or name")
        return _core.load_scenario(_located(_core.locate_scenario, "scenario", source))
    if not isinstance(source, Mapping):
        raise TypeError(f"expected a scenario file, name, dict diff or Scenario, found {type(source).__name__}")
    diff = json.loads(json.dumps(source, default=str))  # a deep copy; year keys become strings
    if base is not None:
        diff["base"] = base
    if "base" in diff:
        diff.setdefault("name", f"{diff['base']}+diff")
        diff["base"] = os.path.abspath(_base_file(str(diff["base"])))
    target = diff.get("target")
    if isinstance(target, dict) and "reference" in target:
        target["reference"] = os.path.abspath(_base_file(str(target["reference"])))
    diff.setdefault("name", "diff")
    return _core.load_scenario_text(json.dumps(diff), "dict", os.getcwd())


def _reference_file(reference: Optional[Union[str, os.PathLike]]) -> str:
    return "" if reference is None else _located(_core.locate_scenario, "reference", reference)


def _sme_args(sme: bool, sme_round: Optional[str], sme_applications: Optional[str], sme_firms: int) -> Dict[str, Any]:
    return {
        "sme_round": "" if sme_round is None else os.fspath(sme_round),
        "sme_applications": "" if sme_applications is None else os.fspath(sme_applications),
        "sme_firms": int(sme_firms),
        "no_sme": not sme,
    }


def outlook(scenario: ScenarioLike = None, *, dataset: Optional[Dataset] = None, reference: Optional[str] = None,
            sme: bool = True, sme_round: Optional[str] = None, sme_applications: Optional[str] = None,
            sme_firms: int = 5000) -> Result:
    """The target-year outlook (``decarbfund outlook``): legs, gap, emissions and levy by year,
    package lines, sites, bottlenecks, MACC. ``result.by_year`` holds every series by year;
    ``result.summary["achieved_mt"]``, ``result["package_credits"]`` …"""
    ds = dataset or load_dataset()
    sc = load_scenario(scenario)
    text = _core.outlook_json(ds, sc, _reference_file(reference), **_sme_args(sme, sme_round, sme_applications, sme_firms))
    return Result("outlook", text)


def montecarlo(scenario: ScenarioLike = None, *, draws: int = 1000, seed: Optional[int] = None,
               threads: Optional[int] = None, tornado_top: int = 200, dataset: Optional[Dataset] = None,
               reference: Optional[str] = None, sme: bool = True, sme_round: Optional[str] = None,
               sme_applications: Optional[str] = None, sme_firms: int = 5000) -> MonteCarlo:
    """Monte Carlo over the outlook (``decarbfund montecarlo``): P(target met), percentiles, the fan
    chart (``result.by_year``: ``emissions_t.p5`` … ``emissions_t.p95``), sensitivity, and every
    draw's record (``result.draws``). ``seed`` defaults to the scenario's; the same seed and draws
    give the CLI's numbers for any thread count. ``tornado_top`` is ``--tornado-top``: the tornado
    runs the N inputs with the largest |rank correlation| (0: every input)."""
    if isinstance(tornado_top, bool) or not isinstance(tornado_top, int) or not 0 <= tornado_top <= 0xFFFFFFFF:
        raise ValueError(f"tornado_top: expected an integer from 0 to 4294967295, found {tornado_top!r}")
    ds = dataset or load_dataset()
    sc = load_scenario(scenario)
    text, columns, records = _core.montecarlo(ds, sc, _reference_file(reference), int(draws), seed, int(threads or 0),
                                              tornado_top, **_sme_args(sme, sme_round, sme_applications, sme_firms))
    return MonteCarlo(text, columns, records)


def compare(scenarios: Sequence[ScenarioLike], *, dataset: Optional[Dataset] = None, reference: Optional[str] = None,
            sme: bool = True, sme_firms: int = 5000) -> Result:
    """Scenarios side by side (``decarbfund compare``): ``result["target"]`` (one row per scenario),
    ``result.by_year`` (``emissions_t.<scenario>``, ``levy_revenue_eur.<scenario>`` …) and
    ``result["package_credits"]`` (every package line with its scenario)."""
    ds = dataset or load_dataset()
    docs = [
        _core.outlook_json(ds, load_scenario(s), _reference_file(reference), **_sme_args(sme, None, None, sme_firms))
        for s in scenarios
    ]
    return Result("compare", _core.compare_json(docs))


def optimize(scenario: ScenarioLike = None, *, dataset: Optional[Dataset] = None, objective: str = "max-reduction",
             budget_eur: Optional[float] = None, reduction_t: Optional[float] = None,
             commit_per_year_eur: Optional[float] = None, cash_per_year_eur: Optional[float] = None,
             sme_firms: int = 5000, seed: Optional[int] = None, sme_applications: Optional[str] = None,
             sme_max_applications: int = 0, sme_round: Optional[str] = None, deals: bool = True,
             rule_rounds: Optional[str] = "examples/rounds", first_decision_year: int = 0, gap: float = 0.01,
             time_limit_s: float = 30) -> Result:
    """The support portfolio (``decarbfund optimize``): ``result["deals"]``, ``result["projects"]``,
    ``result["sme_awards"]``, ``result["shadow_prices"]``, ``result["rules.rows"]`` … Defaults as
    the CLI's (budget EUR 7 bn for max-reduction; the scenario's seed)."""
    ds = dataset or load_dataset()
    sc = load_scenario(scenario)
    r = _core.OptimizeRequest()
    r.objective = objective
    if budget_eur is not None:
        r.budget_eur = float(budget_eur)
    if reduction_t is not None:
        r.reduction_t = float(reduction_t)
    if commit_per_year_eur is not None:
        r.commit_per_year_eur = float(commit_per_year_eur)
    if cash_per_year_eur is not None:
        r.cash_per_year_eur = float(cash_per_year_eur)
    r.sme_firms = int(sme_firms)
    r.seed = seed
    r.sme_max_applications = int(sme_max_applications)
    r.first_decision_year = int(first_decision_year)
    r.gap = float(gap)
    r.time_limit_s = float(time_limit_s)
    rounds = "" if rule_rounds is None else _core.locate_input(os.fspath(rule_rounds), _paths.SHARE_DIR, _paths.SHARE_KIND)[0]
    text = _core.optimize_json(ds, sc, r, "" if sme_round is None else os.fspath(sme_round),
                               "" if sme_applications is None else os.fspath(sme_applications), not deals, rounds)
    return Result("optimize", text)


LevyRows = Union[str, os.PathLike, pd.DataFrame, Iterable[Mapping[str, Any]]]


def levy(rows: LevyRows, scenario: ScenarioLike = None, *, dataset: Optional[Dataset] = None) -> Result:
    """A company's levy statement (``decarbfund levy``): ``result["rows"]`` per installation and year
    (with ``ets_reference_price_source``: input, policy, dataset or ets_price_path), the totals in
    ``result.summary``. ``rows`` is a levy input CSV file, a DataFrame with its columns
    (docs/levy.md) or a list of dicts."""
    ds = dataset or load_dataset()
    sc = load_scenario(scenario)
    if isinstance(rows, (str, os.PathLike)):
        label = os.fspath(rows)
        with open(_core.locate_input(label, _paths.SHARE_DIR, _paths.SHARE_KIND)[0], encoding="utf-8") as f:
            text = f.read()
    else:
        frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
        label = "DataFrame"
        text = frame.to_csv(index=False)
    return Result("levy", _core.levy_json(ds, sc, text, label))


def deal_assess(deal: str, scenario: ScenarioLike = None, *, dataset: Optional[Dataset] = None) -> Result:
    """What the advisory committee asks of a deal (``decarbfund deal assess``). ``deal`` is a deal
    file or the id of one in the dataset's deal book (``"nobian"``). Its ``own_effect`` is the
    deal's line of the outlook among the dataset's other deals (None without a deal book)."""
    ds = dataset or load_dataset()
    sc = load_scenario(scenario)
    path = os.fspath(deal)
    if not os.path.exists(path) and ds.deals_dir and os.path.exists(os.path.join(ds.deals_dir, path + ".yaml")):
        path = os.path.join(ds.deals_dir, path + ".yaml")
    else:
        path = _core.locate_input(path, _paths.SHARE_DIR, _paths.SHARE_KIND)[0]
    return Result("deal_assessment", _core.deal_assess_json(ds, sc, path))


def sme_allocate(round: Optional[str] = None, applications: Optional[str] = None, *, firms: int = 5000,
                 seed: int = 1, dataset: Optional[Dataset] = None) -> SmeAllocation:
    """A round allocated over its applications (``decarbfund sme allocate``): the summary and
    ``result.awards``. ``round`` defaults to the dataset's ``rounds/veki-2024.yaml``;
    ``applications`` to a population of ``firms`` firms generated with ``seed`` (as
    ``decarbfund sme generate``)."""
    ds = dataset or load_dataset()
    round_file = os.path.join(ds.path, "rounds", "veki-2024.yaml") if round is None else \
        _core.locate_input(os.fspath(round), _paths.SHARE_DIR, _paths.SHARE_KIND)[0]
    text, awards = _core.sme_allocate(ds, round_file, "" if applications is None else os.fspath(applications),
                                      int(firms), int(seed))
    return SmeAllocation(text, awards)
