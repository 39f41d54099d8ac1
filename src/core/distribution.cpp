#include "core/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

namespace decarbfund::core {

Distribution Distribution::fixed(double value) {
  Distribution d;
  d.kind_ = DistributionKind::fixed;
  d.a_ = value;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  Distribution d;
  d.kind_ = DistributionKind::uniform;
  d.a_ = min;
  d.b_ = max;
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  Distribution d;
  d.kind_ = DistributionKind::triangular;
  d.a_ = min;
  d.b_ = mode;
  d.c_ = max;
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  Distribution d;
  d.kind_ = DistributionKind::normal;
  d.a_ = mean;
  d.b_ = sd;
  return d;
}

Distribution Distribution::lognormal(double median, double sigma) {
  Distribution d;
  d.kind_ = DistributionKind::lognormal;
  d.a_ = median;
  d.b_ = sigma;
  return d;
}

Distribution Distribution::discrete(std::vector<double> values, std::vector<double> probabilities) {
  Distribution d;
  d.kind_ = DistributionKind::discrete;
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  double total = 0;
  for (auto i : order) {
    d.values_.push_back(values[i]);
    d.probabilities_.push_back(probabilities[i]);
    total += probabilities[i];
    d.cumulative_.push_back(total);
  }
  if (!d.cumulative_.empty()) {
    d.cumulative_.back() = 1.0;  // absorb rounding of probabilities that sum to 1 within 1e-9
  }
  return d;
}

Distribution Distribution::bernoulli(double p) {
  Distribution d;
  d.kind_ = DistributionKind::bernoulli;
  d.a_ = p;
  return d;
}

bool Distribution::is_fixed() const {
  switch (kind_) {
    case DistributionKind::fixed: return true;
    case DistributionKind::uniform: return a_ == b_;
    case DistributionKind::triangular: return a_ == c_;
    case DistributionKind::normal:
    case DistributionKind::lognormal: return b_ == 0;
    case DistributionKind::discrete: return values_.size() <= 1 || values_.front() == values_.back();
    case DistributionKind::bernoulli: return a_ == 0 || a_ == 1;
  }
  return true;
}

double Distribution::quantile(double u) const {
  switch (kind_) {
    case DistributionKind::fixed: return a_;
    case DistributionKind::uniform: return a_ + u * (b_ - a_);
    case DistributionKind::triangular: {
      // F(mode) = (mode − min)/(max − min); invert each side of the mode (e.g. Kotz & van Dorp,
      // "Beyond Beta", 2004, §1.2).
      const double width = c_ - a_;
      if (width <= 0) {
        return a_;
      }
      const double f_mode = (b_ - a_) / width;
      return u < f_mode ? a_ + std::sqrt(u * width * (b_ - a_))
                        : c_ - std::sqrt((1 - u) * width * (c_ - b_));
    }
    case DistributionKind::normal: return a_ + b_ * inverse_normal_cdf(u);
    case DistributionKind::lognormal: return a_ * std::exp(b_ * inverse_normal_cdf(u));
    case DistributionKind::discrete: {
      const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
      const auto k = std::min(static_cast<std::size_t>(it - cumulative_.begin()), values_.size() - 1);
      return values_[k];
    }
    case DistributionKind::bernoulli: return u > 1 - a_ ? 1.0 : 0.0;
  }
  return a_;
}

double Distribution::mean() const {
  switch (kind_) {
    case DistributionKind::fixed: return a_;
    case DistributionKind::uniform: return (a_ + b_) / 2;
    case DistributionKind::triangular: return (a_ + b_ + c_) / 3;
    case DistributionKind::normal: return a_;
    case DistributionKind::lognormal: return a_ * std::exp(b_ * b_ / 2);
    case DistributionKind::discrete: {
      double m = 0;
      for (std::size_t k = 0; k < values_.size(); ++k) {
        m += values_[k] * probabilities_[k];
      }
      return m;
    }
    case DistributionKind::bernoulli: return a_;
  }
  return a_;
}

double Distribution::variance() const {
  switch (kind_) {
    case DistributionKind::fixed: return 0;
    case DistributionKind::uniform: return (b_ - a_) * (b_ - a_) / 12;
    case DistributionKind::triangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18;
    case DistributionKind::normal: return b_ * b_;
    case DistributionKind::lognormal: {
      const double s2 = b_ * b_;
      return (std::exp(s2) - 1) * a_ * a_ * std::exp(s2);
    }
    case DistributionKind::discrete: {
      const double m = mean();
      double v = 0;
      for (std::size_t k = 0; k < values_.size(); ++k) {
        v += (values_[k] - m) * (values_[k] - m) * probabilities_[k];
      }
      return v;
    }
    case DistributionKind::bernoulli: return a_ * (1 - a_);
  }
  return 0;
}

std::string Distribution::describe() const {
  switch (kind_) {
    case DistributionKind::fixed: return fmt::format("fixed({:g})", a_);
    case DistributionKind::uniform: return fmt::format("uniform(min {:g}, max {:g})", a_, b_);
    case DistributionKind::triangular:
      return fmt::format("triangular(min {:g}, mode {:g}, max {:g})", a_, b_, c_);
    case DistributionKind::normal: return fmt::format("normal(mean {:g}, sd {:g})", a_, b_);
    case DistributionKind::lognormal: return fmt::format("lognormal(median {:g}, sigma {:g})", a_, b_);
    case DistributionKind::discrete: {
      std::string s = "discrete(";
      for (std::size_t k = 0; k < values_.size(); ++k) {
        s += fmt::format("{}{:g}: {:g}", k == 0 ? "" : ", ", values_[k], probabilities_[k]);
      }
      return s + ")";
    }
    case DistributionKind::bernoulli: return fmt::format("bernoulli(p {:g})", a_);
  }
  return "?";
}

double inverse_normal_cdf(double p) noexcept {
  if (p <= 0) {
    return -std::numeric_limits<double>::infinity();
  }
  if (p >= 1) {
    return std::numeric_limits<double>::infinity();
  }
  // Wichura (1988), algorithm AS 241, PPND16: rational approximations in three regions.
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
                45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
             133.14166789178437745) * r + 3.387132872796366608) /
           (((((((5226.4952788528544610 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
                21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
             42.313330701600911252) * r + 1.0);
  }
  double r = q < 0 ? p : 1 - p;
  r = std::sqrt(-std::log(r));
  double x;
  if (r <= 5) {
    r -= 1.6;
    x = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
             1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
          4.6303378461565452959) * r + 1.42343711074968357734) /
        (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
             0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
          2.05319162663775882187) * r + 1.0);
  } else {
    r -= 5;
    x = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
             0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
          5.4637849111641143699) * r + 6.6579046435011037772) /
        (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
             7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
          0.59983220655588793769) * r + 1.0);
  }
  return q < 0 ? -x : x;
}

}  // namespace decarbfund::core
