#include "analysis/package_levers.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "fund/budget_book.hpp"

namespace decarbfund::analysis {

void check_deal_levers(const model::Scenario& scenario, const model::DealBook* deals) {
  if (scenario.deal_phase.empty()) {
    return;
  }
  std::string ids;
  if (deals != nullptr) {
    for (const auto& d : deals->deals) {
      ids += (ids.empty() ? "" : ", ") + d.id;
    }
  }
  const std::string expected =
      deals == nullptr ? "a deal id of the deal files (this run has none: --no-deals or no <data>/deals)"
                       : fmt::format("a deal id of {} ({})", deals->dir, ids.empty() ? "no deals" : ids);
  core::Diagnostics diags;
  for (const auto& entry : scenario.deal_phase) {
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    const std::string& id = entry.first;
    const auto& lever = entry.second;
    const bool known = deals != nullptr && std::any_of(deals->deals.begin(), deals->deals.end(),
                                                       [&id](const model::Deal& d) { return d.id == id; });
    if (!known) {
      core::Diagnostic d;
      d.code = "scenario.unknown_deal";
      d.file = lever.file;
      d.line = lever.line;
      d.key_path = "package.deal_phase." + id;
      d.expected = expected;
      d.found = core::quote_found(id);
      diags.add(std::move(d));
    }
  }
  if (diags.has_errors()) {
    throw core::Error(diags);
  }
}

std::optional<FundLimit> fund_limit(const model::Model& model, int target_year) {
  if (model.fund.empty()) {
    return std::nullopt;
  }
  FundLimit out;
  const auto book = fund::build_budget_book(model);
  // Ledger money is nominal EUR of its year; deal support is EUR of the dataset's price year.
  out.free_eur = 0;
  for (int y = book.first_year; y <= std::min(target_year, book.last_year); ++y) {
    out.free_eur += model.real_eur(book.open_in(model.fund.instruments, model::FundSpender::deals, y), y);
  }
  for (const auto& e : model.fund.entries) {
    if (e.kind == model::LedgerKind::committed && !e.deal.empty() &&
        std::find(out.committed.begin(), out.committed.end(), e.deal) == out.committed.end()) {
      out.committed.push_back(e.deal);
    }
  }
  return out;
}

DealLevers apply_deal_levers(const model::Scenario& scenario, const model::DealBook& deals, const FundLimit* fund) {
  check_deal_levers(scenario, &deals);
  DealLevers out;
  out.book = deals;
  out.budget_eur = scenario.deal_budget_eur;
  if (fund != nullptr) {
    out.fund_free_eur = fund->free_eur;
  }
  const auto n = deals.deals.size();
  out.status.resize(n);
  for (std::size_t d = 0; d < n; ++d) {
    auto& deal = out.book.deals[d];
    auto& st = out.status[d];
    st.file_phase = deal.phase;
    if (const auto it = scenario.deal_phase.find(deal.id); it != scenario.deal_phase.end()) {
      deal.phase = it->second.phase;
      st.overridden = deal.phase != st.file_phase;
    }
    st.phase = deal.phase;
    st.ledger_committed = fund != nullptr && std::find(fund->committed.begin(), fund->committed.end(), deal.id) !=
                                                 fund->committed.end();
    st.probability = deals.phases.of(deal.phase);
    st.expected_t = st.probability * deal.committed_in(scenario.target.year);
    st.eur_per_expected_t = deal.max_support_eur <= 0 ? 0.0
                            : st.expected_t > 0       ? deal.max_support_eur / st.expected_t
                                                      : std::numeric_limits<double>::infinity();
  }
  out.funding_order.resize(n);
  std::iota(out.funding_order.begin(), out.funding_order.end(), std::size_t{0});
  std::sort(out.funding_order.begin(), out.funding_order.end(), [&](std::size_t a, std::size_t b) {
    const double ka = out.status[a].eur_per_expected_t;
    const double kb = out.status[b].eur_per_expected_t;
    return ka != kb ? ka < kb : deals.deals[a].id < deals.deals[b].id;
  });
  // Greedy in ranking order (as SDE++ ranks by subsidy intensity): an agreement is funded whole
  // or not at all, and a deal that no longer fits is skipped so that cheaper ones behind it can
  // still be funded.
  // With the fund's books, a grant the ledger has committed is history: funded first, its money
  // out of what is left of both limits (docs/budget.md "The outlook").
  double left = scenario.deal_budget_eur.value_or(std::numeric_limits<double>::infinity());
  double fund_left = fund != nullptr ? fund->free_eur : std::numeric_limits<double>::infinity();
  for (const auto d : out.funding_order) {
    if (out.status[d].ledger_committed) {
      left -= std::max(0.0, deals.deals[d].max_support_eur);
      out.committed_support_eur += std::max(0.0, deals.deals[d].max_support_eur);
    }
  }
  left = std::max(0.0, left);
  for (const auto d : out.funding_order) {
    const double support = deals.deals[d].max_support_eur;
    auto& st = out.status[d];
    if (support <= 0 || st.ledger_committed) {
      continue;  // costs the budget nothing, or committed already
    }
    if (support <= left && support <= fund_left) {
      left -= support;
      fund_left -= support;
      out.committed_support_eur += support;
      out.new_support_eur += support;
    } else {
      st.funded = false;
      st.not_funded = support > left ? "budget" : "fund";
    }
  }
  return out;
}

void apply_funding(const model::Model& model, const DealLevers& levers, sim::Inputs& in) {
  for (std::size_t d = 0; d < levers.status.size() && d < in.deal_realisation.size(); ++d) {
    if (levers.status[d].funded) {
      continue;
    }
    in.deal_realisation[d] = 0.0;  // deal_probability stays the phase's: reports show it
    std::vector<model::Index> sites;
    for (const auto& id : levers.book.deals[d].sites) {
      sites.push_back(model.find_site(id));
    }
    for (model::Index i = 0; i < model.options.size(); ++i) {
      const auto owner = in.option_deal[i];
      if ((owner == model::kNone || owner == d) &&
          std::find(sites.begin(), sites.end(), model.options.site[i]) != sites.end()) {
        in.option_max_support_eur[i] = 0.0;
      }
    }
  }
}

model::Round apply_sme_budget(const model::Scenario& scenario, const model::Round& round) {
  model::Round out = round;
  if (!scenario.sme_budget_eur) {
    return out;
  }
  out.budget_eur = *scenario.sme_budget_eur;
  const double fenced = std::accumulate(round.fence_eur.begin(), round.fence_eur.end(), 0.0);
  if (fenced > out.budget_eur) {  // as the round loader checks fences_eur against budget_eur
    core::Diagnostic d;
    d.code = "scenario.sme_budget";
    d.file = scenario.file;
    d.key_path = "package.sme_budget_eur";
    d.expected = fmt::format("a budget of at least the round's fenced budgets ({} EUR, round {})", fenced,
                             round.id);
    d.found = fmt::format("{} EUR", out.budget_eur);
    throw core::Error(d);
  }
  return out;
}

}  // namespace decarbfund::analysis
