// decarbfund._core: the rooms bound for Python with pybind11 (issue 19, docs/python.md). Every run
// returns the document the CLI writes with --json, rendered by the same report functions from the
// same inputs (runs/), as text; python/decarbfund/ parses it into a dict and pandas DataFrames
// (json_tables, the reading `--csv` uses). So the package gives the CLI's numbers by construction,
// and a field the documents gain reaches Python without a change here. Runs release the GIL.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "analysis/montecarlo.hpp"
#include "analysis/outlook.hpp"
#include "analysis/sme_allocation.hpp"
#include "core/diagnostic.hpp"
#include "core/version.hpp"
#include "data/award_table.hpp"
#include "data/csv_reader.hpp"
#include "data/load_applications.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "data/load_scenario.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"
#include "optimize/portfolio_report.hpp"
#include "report/compare_report.hpp"
#include "report/deal_report.hpp"
#include "report/json_tables.hpp"
#include "report/levy_report.hpp"
#include "report/montecarlo_draws.hpp"
#include "report/montecarlo_report.hpp"
#include "report/outlook_report.hpp"
#include "report/sme_report.hpp"
#include "runs/deal_assess_run.hpp"
#include "runs/levy_input.hpp"
#include "runs/locate.hpp"
#include "runs/optimize_run.hpp"
#include "runs/run_inputs.hpp"

namespace py = pybind11;

namespace decarbfund::python {

namespace {

namespace fs = std::filesystem;
using Release = py::call_guard<py::gil_scoped_release>;

/// A loaded dataset with its deal book, shared read-only by every run (and thread) that uses it.
struct Dataset {
  runs::DatasetInputs inputs;
  std::string path;
  std::string deals_dir;  ///< empty: none loaded
};

/// The SME options of an outlook-like run, as the CLI's --sme-* options.
runs::SmeOptions sme_options(const std::string& round, const std::string& applications, std::size_t firms, bool off) {
  return {round, applications, firms, off};
}

runs::ScenarioPair pair_of(const Dataset& d, const model::Scenario& scenario, const std::string& reference) {
  return runs::with_reference(scenario, reference, d.inputs.deal_book());
}

std::string outlook_json(const Dataset& d, const model::Scenario& scenario, const std::string& reference,
                         const std::string& sme_round, const std::string& sme_applications, std::size_t sme_firms,
                         bool no_sme) {
  const auto pair = pair_of(d, scenario, reference);
  const auto sme = runs::load_sme_input(d.path, sme_options(sme_round, sme_applications, sme_firms, no_sme), pair.scenario);
  const auto outlook = analysis::run_outlook(d.inputs.model, pair.scenario, pair.reference, d.inputs.deal_book(),
                                             sme ? &*sme : nullptr);
  return report::outlook_json(d.inputs.model, outlook);
}

/// The Monte Carlo document, the draw records' columns and the records (draws × columns) —
/// computed without the GIL, handed to Python with it.
py::tuple montecarlo(const Dataset& d, const model::Scenario& scenario, const std::string& reference,
                     std::uint32_t draws, std::optional<std::uint64_t> seed, unsigned threads,
                     std::uint32_t tornado_top, const std::string& sme_round, const std::string& sme_applications,
                     std::size_t sme_firms, bool no_sme) {
  std::string json;
  std::vector<std::string> columns;
  std::vector<double> records;
  std::size_t width = 0;
  {
    py::gil_scoped_release release;
    const auto pair = pair_of(d, scenario, reference);
    analysis::MonteCarloOptions options;
    options.draws = draws;
    options.seed = seed.value_or(pair.scenario.seed);
    options.tornado_top = tornado_top;
    const unsigned t = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    const auto sme =
        runs::load_sme_input(d.path, sme_options(sme_round, sme_applications, sme_firms, no_sme), pair.scenario);
    const auto setup = analysis::prepare_montecarlo(d.inputs.model, pair.scenario, pair.reference,
                                                    d.inputs.deal_book(), options, sme ? &*sme : nullptr);
    const auto outcomes = analysis::run_draws(setup, 0, draws, t);
    const auto result = analysis::summarise_montecarlo(setup, outcomes, t);
    records = analysis::draw_records(setup, outcomes, 0);  // the DataFrame holds every column
    json = report::montecarlo_json(d.inputs.model, result);
    columns = report::montecarlo_draw_columns(setup);
    width = setup.record_size();
  }
  const std::size_t n = width == 0 ? 0 : records.size() / width;
  py::array_t<double> array({n, width});
  std::copy(records.begin(), records.end(), array.mutable_data());
  return py::make_tuple(json, columns, array);
}

std::string levy_json(const Dataset& d, const model::Scenario& scenario, const std::string& csv_text,
                      const std::string& label) {
  core::Diagnostics diags;
  const auto table = data::parse_csv(csv_text, label, diags);
  std::optional<runs::LevyInput> input;
  if (table) {
    input = runs::read_levy_input(*table, diags);
  }
  std::optional<runs::LevyRun> run;
  if (input && !diags.has_errors()) {
    run = runs::compute_levy(d.inputs.model, scenario, *input);
    runs::add_levy_issues(*input, *run, diags);
  }
  if (diags.has_errors() || !run) {
    throw core::Error(diags);
  }
  return report::levy_json({&d.inputs.model.info, &scenario, label, &input->rows, &run->statement, &run->ets_reference_source});
}

std::string deal_assess_json(const Dataset& d, const model::Scenario& scenario, const std::string& deal_file) {
  core::Diagnostics diags;
  const auto deal = data::load_deal(deal_file, diags);
  if (!deal || !data::check_deal(d.inputs.model, *deal, diags)) {
    throw core::Error(diags);
  }
  // With its own effect among the dataset's other deals, as `deal assess` (runs/deal_assess_run.hpp).
  return report::deal_assessment_json(d.inputs.model, runs::assess_deal_run(d.inputs, scenario, "", *deal));
}

/// (summary document, awards CSV) of a round over an applications file or a generated population.
std::tuple<std::string, std::string> sme_allocate(const Dataset& d, const std::string& round_file,
                                                  const std::string& applications, std::size_t firms,
                                                  std::uint64_t seed) {
  core::Diagnostics diags;
  const auto techniques = data::load_sme_techniques(fs::path(d.path) / "sme-techniques.csv", diags);
  if (!techniques) {
    throw core::Error(diags);
  }
  const auto round = data::load_round(round_file, *techniques, diags);
  std::optional<std::vector<model::Application>> apps;
  if (!applications.empty()) {
    apps = data::load_applications(applications, *techniques, diags);
  } else {
    data::GeneratorConfig config;  // as `decarbfund sme generate`: the VEKI 2024 window
    config.firms = firms;
    config.seed = seed;
    apps = data::generate_applications(*techniques, config);
  }
  if (!round || !apps) {
    throw core::Error(diags);
  }
  const auto result = analysis::allocate_round(*round, *apps);
  return {report::sme_summary_json(*round, result), data::awards_csv(result.awards, *round)};
}

std::string optimize_json(const Dataset& d, const model::Scenario& scenario, const runs::OptimizeRequest& request,
                          const std::string& sme_round, const std::string& sme_applications, bool no_deals,
                          const std::string& rule_rounds) {
  const auto inputs = runs::load_optimize_inputs(d.inputs.model, d.path, sme_round, sme_applications,
                                                 no_deals ? "" : d.deals_dir, no_deals, rule_rounds);
  const auto run = runs::run_optimize(d.inputs.model, scenario, inputs, request);
  return optimize::portfolio_json(run->report);
}

/// (name, columns, rows) of every table of a document.
std::vector<std::tuple<std::string, std::vector<std::string>, std::vector<std::vector<report::TableCell>>>> tables(
    const std::string& json) {
  std::vector<std::tuple<std::string, std::vector<std::string>, std::vector<std::vector<report::TableCell>>>> out;
  for (auto& t : report::json_tables(json)) {
    out.emplace_back(std::move(t.name), std::move(t.columns), std::move(t.rows));
  }
  return out;
}

}  // namespace

}  // namespace decarbfund::python

PYBIND11_MODULE(_core, m) {
  using namespace decarbfund;
  using namespace decarbfund::python;
  m.doc() = "decarbfund's C++ engine (the Python API is the decarbfund package; docs/python.md)";
  m.attr("generator") = core::kGenerator;
  // Bad input (a file, a key, a value) raises decarbfund.InputError, a ValueError, with every
  // diagnostic of the CLI's message.
  py::register_exception<core::Error>(m, "InputError", PyExc_ValueError);

  m.def("locate_dataset", [](const std::string& given, const std::string& share, const std::string& kind) {
    const auto l = runs::locate_dataset(given, {share, kind});
    return std::make_tuple(l.path.string(), l.how);
  });
  m.def("locate_scenario", [](const std::string& given, const std::string& share, const std::string& kind) {
    const auto l = runs::locate_scenario(given, {share, kind});
    return std::make_tuple(l.path.string(), l.how);
  });
  m.def("locate_input", [](const std::string& given, const std::string& share, const std::string& kind) {
    const auto l = runs::locate_input(given, {share, kind});
    return std::make_tuple(l.path.string(), l.how);
  });

  py::class_<Dataset, std::shared_ptr<Dataset>>(m, "Dataset")
      .def_property_readonly("path", [](const Dataset& d) { return d.path; })
      .def_property_readonly("name", [](const Dataset& d) { return d.inputs.model.info.name; })
      .def_property_readonly("version", [](const Dataset& d) { return d.inputs.model.info.version; })
      .def_property_readonly("price_year", [](const Dataset& d) { return d.inputs.model.info.price_year; })
      .def_property_readonly("sites", [](const Dataset& d) { return d.inputs.model.sites.size(); })
      .def_property_readonly("options", [](const Dataset& d) { return d.inputs.model.options.size(); })
      .def_property_readonly("deals_dir", [](const Dataset& d) { return d.deals_dir; })
      .def_property_readonly("deals", [](const Dataset& d) {
        std::vector<std::string> ids;
        if (const auto* book = d.inputs.deal_book()) {
          for (const auto& deal : book->deals) {
            ids.push_back(deal.id);
          }
        }
        return ids;
      });
  m.def(
      "load_dataset",
      [](const std::string& path, const std::string& deals_dir, bool no_deals) {
        auto d = std::make_shared<Dataset>(Dataset{runs::load_dataset_inputs(path, deals_dir, no_deals), path, ""});
        if (const auto* book = d->inputs.deal_book()) {
          d->deals_dir = book->dir;
        }
        return d;
      },
      py::arg("path"), py::arg("deals_dir") = "", py::arg("no_deals") = false, Release());

  py::class_<model::Scenario>(m, "Scenario")
      .def_readonly("name", &model::Scenario::name)
      .def_readonly("file", &model::Scenario::file)
      .def_readonly("description", &model::Scenario::description)
      .def_readonly("chain", &model::Scenario::chain)
      .def_readonly("seed", &model::Scenario::seed)
      .def_readonly("start_year", &model::Scenario::start_year)
      .def_readonly("end_year", &model::Scenario::end_year)
      .def_property_readonly("policy_version", [](const model::Scenario& s) { return s.levy.version; })
      .def_property_readonly("reference", [](const model::Scenario& s) { return s.target.reference_scenario; })
      .def_property_readonly("target_year", [](const model::Scenario& s) { return s.target.year; })
      .def("__repr__", [](const model::Scenario& s) { return "<decarbfund.Scenario " + s.name + " (" + s.file + ")>"; });
  m.def("load_scenario", [](const std::string& path) { return data::load_scenario_or_throw(path); }, Release());
  m.def(
      "load_scenario_text",
      [](const std::string& text, const std::string& label, const std::string& base_dir) {
        core::Diagnostics diags;
        auto s = data::load_scenario_text(text, label, base_dir, diags);
        if (!s) {
          throw core::Error(diags);
        }
        return std::move(*s);
      },
      Release());

  m.def("outlook_json", &outlook_json, py::arg("dataset"), py::arg("scenario"), py::arg("reference") = "",
        py::arg("sme_round") = "", py::arg("sme_applications") = "", py::arg("sme_firms") = runs::kDefaultSmeFirms,
        py::arg("no_sme") = false, Release());
  m.def("montecarlo", &montecarlo, py::arg("dataset"), py::arg("scenario"), py::arg("reference") = "",
        py::arg("draws") = 1000, py::arg("seed") = std::nullopt, py::arg("threads") = 0,
        py::arg("tornado_top") = analysis::kDefaultTornadoTop, py::arg("sme_round") = "",
        py::arg("sme_applications") = "", py::arg("sme_firms") = runs::kDefaultSmeFirms, py::arg("no_sme") = false);
  m.def("levy_json", &levy_json, py::arg("dataset"), py::arg("scenario"), py::arg("csv_text"), py::arg("label"),
        Release());
  m.def("deal_assess_json", &deal_assess_json, py::arg("dataset"), py::arg("scenario"), py::arg("deal_file"),
        Release());
  m.def("sme_allocate", &sme_allocate, py::arg("dataset"), py::arg("round_file"), py::arg("applications") = "",
        py::arg("firms") = 5000, py::arg("seed") = 1, Release());

  py::class_<runs::OptimizeRequest>(m, "OptimizeRequest")
      .def(py::init<>())
      .def_property(
          "objective",
          [](const runs::OptimizeRequest& r) {
            return r.objective == optimize::Objective::min_cost ? "min-cost" : "max-reduction";
          },
          [](runs::OptimizeRequest& r, const std::string& v) {
            if (v != "min-cost" && v != "max-reduction") {
              throw core::Error("optimize", "objective: expected max-reduction or min-cost, found \"" + v + "\"");
            }
            r.objective = v == "min-cost" ? optimize::Objective::min_cost : optimize::Objective::max_reduction;
          })
      .def_readwrite("budget_eur", &runs::OptimizeRequest::budget_eur)
      .def_readwrite("reduction_t", &runs::OptimizeRequest::reduction_t)
      .def_readwrite("commit_per_year_eur", &runs::OptimizeRequest::commit_per_year_eur)
      .def_readwrite("cash_per_year_eur", &runs::OptimizeRequest::cash_per_year_eur)
      .def_readwrite("sme_firms", &runs::OptimizeRequest::sme_firms)
      .def_readwrite("seed", &runs::OptimizeRequest::seed)
      .def_readwrite("sme_max_applications", &runs::OptimizeRequest::sme_max_applications)
      .def_readwrite("first_decision_year", &runs::OptimizeRequest::first_decision_year)
      .def_readwrite("gap", &runs::OptimizeRequest::gap)
      .def_readwrite("time_limit_s", &runs::OptimizeRequest::time_limit_s);
  m.def("optimize_json", &optimize_json, py::arg("dataset"), py::arg("scenario"), py::arg("request"),
        py::arg("sme_round") = "", py::arg("sme_applications") = "", py::arg("no_deals") = false,
        py::arg("rule_rounds") = "", Release());

  m.def("compare_json", &report::compare_json, py::arg("outlook_documents"), Release());
  m.def("json_tables", &tables, py::arg("json"));
}
