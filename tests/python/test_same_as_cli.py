"""The Python package gives the CLI's numbers (issue 19): every run's document equals what
`decarbfund <verb> --json -` prints for the same inputs, and the DataFrames hold its values."""

import pandas as pd
import pytest

import decarbfund
from conftest import cli, cli_json

SCENARIO = "scenarios/coalition-2023.yaml"


def test_outlook_equals_the_cli():
    expected = cli_json("outlook", "--data", "data/nl", "--scenario", SCENARIO)
    result = decarbfund.outlook(SCENARIO, dataset=decarbfund.load_dataset("data/nl"))
    assert result.doc == expected
    assert result.json == cli("outlook", "--data", "data/nl", "--scenario", SCENARIO, "--json", "-")
    # Tables: years as the index, the unit in the column name, the JSON's numbers.
    assert result.by_year.index.name == "year"
    assert result.by_year.loc[2030, "emissions_t"] == expected["emissions_t_by_year"]["2030"]
    assert result.by_year.loc[2027, "levy_revenue_eur"] == expected["levy_revenue_eur_by_year"]["2027"]
    assert result.summary["legs.levy_mt"] == expected["legs"]["levy_mt"]
    credits = result["package_credits"]
    assert credits["reduction_t"].tolist() == [c["reduction_t"] for c in expected["package_credits"]]


def test_montecarlo_equals_the_cli_with_the_same_seed(tmp_path):
    draws_file = tmp_path / "draws.csv"
    expected = cli_json("montecarlo", "--data", "data/nl", "--draws", "40", "--seed", "11", "--threads", "1",
                        "--quiet", "--draws-out", str(draws_file))
    result = decarbfund.montecarlo(draws=40, seed=11, threads=2, dataset=decarbfund.load_dataset("data/nl"),
                                   scenario="scenarios/belastingplan-2026.yaml")
    assert result.doc == expected
    assert result.by_year.loc[2030, "emissions_t.p50"] == expected["emissions_t"]["p50"][-1]
    records = pd.read_csv(draws_file, index_col="draw", float_precision="round_trip")
    assert list(records.columns) == list(result.draws.columns)
    # Whole numbers read back as integers from the CSV; the values are the same.
    pd.testing.assert_frame_equal(records, result.draws, check_exact=True, check_dtype=False, check_index_type=False)


def test_montecarlo_tornado_top_is_the_clis():
    expected = cli_json("montecarlo", "--data", "data/nl", "--draws", "30", "--seed", "5", "--threads", "1",
                        "--tornado-top", "3", "--quiet")
    result = decarbfund.montecarlo(draws=30, seed=5, threads=1, tornado_top=3,
                                   dataset=decarbfund.load_dataset("data/nl"),
                                   scenario="scenarios/belastingplan-2026.yaml")
    assert result.doc == expected
    assert result.doc["sensitivity"]["tornado"]["inputs_run"] == 3
    with pytest.raises(ValueError, match="tornado_top: expected an integer from 0"):
        decarbfund.montecarlo(draws=5, tornado_top=-1, dataset=decarbfund.load_dataset("data/nl"))


def test_levy_equals_the_cli(dataset):
    expected = cli_json("levy", "--input", "examples/levy-example.csv", "--data", "data/nl")
    result = decarbfund.levy("examples/levy-example.csv", dataset=decarbfund.load_dataset("data/nl"),
                             scenario="scenarios/belastingplan-2026.yaml")
    assert result.doc == expected
    rows = result["rows"]
    assert rows["levy_eur"].tolist() == [r["levy_eur"] for r in expected["rows"]]
    # A DataFrame of the same rows gives the same statement.
    frame = pd.read_csv("examples/levy-example.csv", comment="#")
    from_frame = decarbfund.levy(frame, "scenarios/belastingplan-2026.yaml", dataset=dataset)
    assert from_frame.doc["rows"] == expected["rows"]
    assert from_frame.doc["totals"] == expected["totals"]


def test_compare_optimize_deal_and_sme_equal_the_cli(dataset):
    expected = cli_json("compare", "--data", "data/nl", SCENARIO, "scenarios/belastingplan-2026.yaml")
    result = decarbfund.compare([SCENARIO, "scenarios/belastingplan-2026.yaml"], dataset=decarbfund.load_dataset("data/nl"))
    assert result.doc == expected
    assert list(result["target"]["scenario"]) == ["coalition-2023", "belastingplan-2026"]

    expected = cli_json("optimize", "--data", "data/nl", "--budget", "300e6", "--sme-firms", "1500")
    got = decarbfund.optimize(budget_eur=300e6, sme_firms=1500, dataset=decarbfund.load_dataset("data/nl"),
                              scenario="scenarios/belastingplan-2026.yaml").doc
    for doc in (got, expected):
        doc["solver"].pop("seconds")
    assert got == expected

    expected = cli_json("deal", "assess", "data/nl/deals/nobian.yaml", "--data", "data/nl")
    got = decarbfund.deal_assess("nobian", dataset=decarbfund.load_dataset("data/nl"),
                                 scenario="scenarios/belastingplan-2026.yaml")
    assert got.doc == expected


def test_sme_allocate_equals_generate_then_allocate(tmp_path):
    apps = tmp_path / "apps.csv"
    cli("sme", "generate", "--firms", "400", "--seed", "5", "--out", str(apps))
    expected = cli_json("sme", "allocate", "--round", "data/nl/rounds/veki-2024.yaml", "--applications", str(apps),
                        "--out", str(tmp_path / "awards.csv"))
    result = decarbfund.sme_allocate(firms=400, seed=5)
    assert result.doc == expected
    awards = pd.read_csv(tmp_path / "awards.csv", comment="#")
    pd.testing.assert_frame_equal(result.awards, awards)


def test_a_dict_diff_is_the_scenario_file_it_spells(tmp_path):
    diff = {"base": "belastingplan-2026", "prices": {"ets_eur_per_t": {2030: 70}}}
    scenario = decarbfund.load_scenario(diff)
    assert scenario.name == "belastingplan-2026+diff"
    yaml = tmp_path / "ets70.yaml"
    yaml.write_text(f"name: belastingplan-2026+diff\nbase: {decarbfund.scenarios_dir()}/belastingplan-2026.yaml\n"
                    "prices:\n  ets_eur_per_t:\n    2030: 70\n")
    expected = cli_json("outlook", "--data", "data/nl", "--scenario", str(yaml))
    got = decarbfund.outlook(scenario, dataset=decarbfund.load_dataset("data/nl")).doc
    for doc in (got, expected):
        doc["meta"].pop("scenario_file")
    assert got == expected


def test_bad_input_raises_input_error_with_the_key_path():
    with pytest.raises(decarbfund.InputError, match=r"response\.hurdle_rate"):
        decarbfund.load_scenario({"base": "belastingplan-2026", "response": {"hurdle_rate": 7}})
    with pytest.raises(decarbfund.InputError, match="no-such-scenario"):
        decarbfund.load_scenario("no-such-scenario")
    assert issubclass(decarbfund.InputError, ValueError)
