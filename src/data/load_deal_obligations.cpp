// The state's obligations in a deal file (issue 17 §2, docs/deals.md "The state's obligations"):
// `government_commitments.obligations`, each with a kind, a due date, a status and the company
// milestones that move when it is late.

#include <set>

#include <fmt/format.h>

#include "data/deal_reader.hpp"

namespace decarbfund::data::detail {

namespace {

template <std::size_t N>
std::string names_of(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) {
    out += out.empty() ? "" : ", ";
    out += n;
  }
  return out;
}

template <class E, std::size_t N>
std::optional<E> enum_value(DealReader& r, const YamlNode& node, const std::string& path,
                            const std::array<std::string_view, N>& names) {
  if (node.is_scalar()) {
    for (std::size_t i = 0; i < N; ++i) {
      if (names[i] == node.scalar()) {
        return static_cast<E>(i);
      }
    }
  }
  r.error(node, path, "one of " + names_of(names), describe(node));
  return std::nullopt;
}

}  // namespace

void read_obligations(DealReader& r, const YamlNode& n, const std::string& p, model::Deal& d) {
  std::set<std::string> ids;
  r.list(n, p, [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"id", "kind", "what", "infra", "due", "status", "date", "expected", "shifts"},
                {"id", "kind", "what", "due", "status"})) {
      return;
    }
    model::DealObligation o;
    auto id = item["id"].defined() ? r.text(item["id"], join(at, "id")) : std::nullopt;
    if (id && !ids.insert(*id).second) {
      r.error(item["id"], join(at, "id"), "an obligation id not used before in this deal", core::quote_found(*id));
    }
    auto kind = item["kind"].defined()
                    ? enum_value<model::ObligationKind>(r, item["kind"], join(at, "kind"), model::kObligationKindNames)
                    : std::nullopt;
    auto what = item["what"].defined() ? r.text(item["what"], join(at, "what")) : std::nullopt;
    auto due = item["due"].defined() ? r.date(item["due"], join(at, "due")) : std::nullopt;
    // (Assigned in a branch, not by ?:, which GCC 12 took for a maybe-uninitialised optional.)
    std::optional<model::ObligationStatus> status;
    if (item["status"].defined()) {
      status = enum_value<model::ObligationStatus>(r, item["status"], join(at, "status"), model::kObligationStatusNames);
    }
    if (item["infra"].defined()) {
      o.infra = r.text(item["infra"], join(at, "infra")).value_or("");
    }
    if (item["date"].defined()) {
      o.status_date = r.date(item["date"], join(at, "date")).value_or("");
    }
    if (item["expected"].defined()) {
      o.expected = r.date(item["expected"], join(at, "expected")).value_or("");
    }
    o.shifts = r.texts(item["shifts"], join(at, "shifts"));
    // A met obligation says when; a late one may say when it is now expected, and that is after
    // the due date (else it is not late).
    if (status == model::ObligationStatus::met && !item["date"].defined()) {
      r.error(item, join(at, "date"), "the date the obligation was met (status met)", "nothing");
    }
    if (item["expected"].defined() && status != model::ObligationStatus::late) {
      r.error(item["expected"], join(at, "expected"), "expected only with status late",
              fmt::format("status {}", status ? model::kObligationStatusNames[static_cast<std::size_t>(*status)]
                                              : std::string_view("(invalid)")));
    }
    if (due && !o.expected.empty() && o.expected <= *due) {
      r.error(item["expected"], join(at, "expected"), "a date after the due date " + *due, o.expected);
    }
    if (id && kind && what && due && status) {
      o.id = *id;
      o.kind = *kind;
      o.what = *what;
      o.due = *due;
      o.status = *status;
      d.state_obligations.push_back(std::move(o));
    }
  });
}

void check_obligation_shifts(DealReader& r, const YamlNode& n, const std::string& p, const model::Deal& d) {
  if (!n.defined() || !n.is_sequence()) {
    return;
  }
  std::set<std::string> milestones;
  std::string names;
  for (const auto& m : d.milestones) {
    milestones.insert(m.id);
    names += (names.empty() ? "" : ", ") + m.id;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!n[i].is_map()) {
      continue;  // the obligation's own reader reports it
    }
    const auto& shifts = n[i]["shifts"];
    if (!shifts.defined() || !shifts.is_sequence()) {
      continue;
    }
    for (std::size_t k = 0; k < shifts.size(); ++k) {
      if (shifts[k].is_scalar() && !milestones.contains(shifts[k].scalar())) {
        r.error(shifts[k], indexed(join(indexed(p, i), "shifts"), k),
                names.empty() ? std::string("a milestone id of the deal (it has no milestones)")
                              : "a milestone id of the deal: " + names,
                core::quote_found(shifts[k].scalar()));
      }
    }
  }
}

}  // namespace decarbfund::data::detail
