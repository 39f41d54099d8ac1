#include "report/data_labels.hpp"

#include <regex>
#include <string_view>

#include <fmt/format.h>

#include "report/string_table.hpp"

namespace decarbfund::report {

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) {
    return;
  }
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

/// "ID (company)" of an option, as the analysis names it.
std::string option_name(const model::Model& m, const std::string& id) {
  const auto i = m.find_option(id);
  if (i == model::kNone) {
    return id;
  }
  const auto site = m.options.site[i];
  const auto& company = m.sites.company[site].empty() ? m.sites.name[site] : m.sites.company[site];
  return fmt::format("{} ({})", id, company);
}

/// The text between `open` and the last `close` of `label`, or "" when it does not have them.
std::string between(const std::string& label, std::string_view open, std::string_view close) {
  const auto a = label.find(open);
  const auto b = label.rfind(close);
  if (a == std::string::npos || b == std::string::npos || b < a + open.size()) {
    return "";
  }
  return label.substr(a + open.size(), b - a - open.size());
}

/// The numbers of a text the analysis wrote in English: whole numbers of five or more digits
/// grouped (but not a seed), and in Dutch the decimal point of a plain decimal (not of a version
/// "0.1.0" or an id) a comma.
std::string localize_numbers(const std::string& text, const Localizer& tr) {
  static const std::regex number(R"((seed )?\b(\d+)(\.\d+)?\b(\.\d)?)");
  std::string out;
  auto last = text.cbegin();
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    const bool seed = m[1].matched, dotted = m[4].matched;
    const bool after_dot = m.position(0) > 0 && text[static_cast<std::size_t>(m.position(0)) - 1] == '.';
    out.append(last, m[0].first);
    std::string whole = m[2].str(), frac = m[3].matched ? m[3].str().substr(1) : "";
    if (seed || dotted || after_dot) {
      out += m[0].str();
    } else {
      const std::string grouped = whole.size() >= 5 ? group_digits(whole, tr.lang()) : whole;
      out += grouped + (frac.empty() ? "" : (tr.lang() == Lang::nl ? "," : ".") + frac);
    }
    last = m[0].second;
  }
  out.append(last, text.cend());
  return out;
}

}  // namespace

std::string translate_phrases(const std::string& text, const Localizer& tr) {
  std::string s = text;
  if (tr.lang() != Lang::en) {
    for (const auto& e : strings_en()) {
      if (e.key.starts_with("phrase.")) {
        replace_all(s, e.text, tr(e.key));
      }
    }
  }
  return localize_numbers(s, tr);
}

std::string credit_label(const analysis::InstrumentCredit& c, const Localizer& tr, bool short_form) {
  std::string s = c.instrument;
  if (short_form) {
    for (const std::string_view prefix : {"maatwerk deal: ", "maatwerk: "}) {
      if (s.starts_with(prefix)) {
        s = s.substr(prefix.size());
      }
    }
  }
  return translate_phrases(s, tr);
}

std::string infrastructure_unit(const model::Model& model, model::Index infra, const Localizer& tr) {
  if (infra != model::kNone && model.infrastructure.kind[infra] == model::InfrastructureKind::co2_storage) {
    return std::string(tr("unit.t_co2_yr"));
  }
  return "MW";
}

std::string input_label(const model::Model& m, const analysis::UncertainInput& in, const Localizer& tr) {
  const auto colon = in.id.find(':');
  const std::string kind = in.id.substr(0, colon);
  const std::string entity = colon == std::string::npos ? "" : in.id.substr(colon + 1);
  if (kind == "price") {
    return tr.format("input.price", entity);
  }
  if (kind == "delay") {
    const auto k = m.find_infrastructure(entity);
    return tr.format("input.infra_delay", k == model::kNone ? entity : m.infrastructure.name[k]);
  }
  if (kind == "capex" || kind == "delta" || kind == "permit") {
    if (in.group) {
      return std::string(tr("input." + kind + "_group"));
    }
    return tr.format("input." + kind, option_name(m, entity));
  }
  if (kind == "deal") {
    // "deal {company} delivers ({phase}, p = {p})": the company and the terms, as the analysis wrote them.
    const std::string company = between(in.label, "deal ", " delivers (");
    const std::string terms = between(in.label, " delivers (", ")");
    if (!company.empty()) {
      std::string t = terms;
      if (tr.lang() == Lang::nl) {
        replace_all(t, "p = 0.", "p = 0,");
      }
      return tr.format("input.deal", company, t);
    }
  }
  if (kind == "levy_balance_sigma") {
    std::string s = between(in.label, "(s = ", " per");
    if (tr.lang() == Lang::nl) {
      replace_all(s, ".", ",");
    }
    return tr.format("input.levy_balance", s);
  }
  if (kind == "sme_realisation") {
    return tr.format("input.sme", translate_phrases(between(in.label, "realised (", ")"), tr));
  }
  return translate_phrases(in.label, tr);
}

}  // namespace decarbfund::report
