#pragma once
// The agreements registry (issue 4 §5, docs/deals.md "Monitoring a signed deal"): a SQLite file
// holding the deals, their phase history, milestones, yearly monitoring and payments, and an
// append-only audit log whose entries are chained by a MAC (HMAC-SHA256 under a key kept outside
// the file, registry/audit_key.hpp; plain SHA-256 without one) and closed by a head record.
// Every change is one SQLite transaction (BEGIN IMMEDIATE … COMMIT) that first checks the data
// are as the last entry recorded them, then writes the change and its audit entry together, so
// a process killed mid-write leaves the previous state; WAL mode and a busy timeout let two
// writers take turns. SQLite stays inside this room (STYLE §2.3): the header speaks std and ours.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/deal.hpp"
#include "registry/audit_key.hpp"

struct sqlite3;

namespace decarbfund::registry {

/// Monitoring status of a deal in a year (docs/deals.md "Status").
enum class Status { on_track, at_risk, breached, no_data };
std::string_view status_name(Status s);

/// A co-benefit as the registry monitors it (docs/deals.md "Co-benefits").
struct CoBenefitStatus {
  std::string what;
  std::string unit;
  std::optional<double> baseline;         ///< as the deal file states it
  std::optional<double> committed_level;  ///< baseline + committed change
  int by_year = 0;
  int monitored_year = 0;                 ///< latest monitored year ≤ the year judged; 0: none
  std::optional<double> monitored;        ///< the value monitored then
  /// "met" (monitored ≤ committed level), "behind" (above it, by_year reached), "open" (above it,
  /// before by_year), "no_data", or "not_quantified" (no committed level to judge against).
  std::string state;
};

/// An obligation of either side as the registry judges it (docs/deals.md "The state's
/// obligations"): the state's from the deal file's `obligations`, the company's its milestones.
struct ObligationState {
  std::string id;
  std::string side;    ///< "state" or "company"
  std::string kind;    ///< state: infrastructure, permit, support; company: milestone
  std::string what;
  std::string due;     ///< YYYY-MM-DD as the deal file states it
  std::string shifted_due;  ///< company: due moved by the state's delays ("" when unmoved)
  std::string status;  ///< state: open, met, late, cancelled (as last recorded); company: open, met
  std::string status_date;  ///< met: when; late: when reported
  std::string expected;     ///< state, late: the new expected date
  bool late = false;   ///< due (shifted) by the judged date and not met, or met after it, or reported late
  long long delay_days = 0;  ///< state: how far past due it is (met, expected, or the judged date)
  std::vector<std::string> shifts;  ///< state: company milestones that move with it; company: the state obligations moving it
};

struct DealStatus {
  std::string deal_id;
  std::string company;
  model::DealPhase phase = model::DealPhase::exploration;
  int year = 0;                   ///< the year judged (0: nothing monitored yet)
  double committed_t = 0;         ///< committed reduction in `year`
  double realised_t = 0;          ///< baseline − verified emissions in `year`
  double verified_emissions_t = 0;
  /// Intensity monitoring (docs/deals.md "Intensity"): the measure the deal's delivery and
  /// claw-back use, the production index recorded for `year` (1 = the baseline's production),
  /// and the reduction at the baseline's production, baseline − verified ÷ index.
  model::DeliveryMeasure measure = model::DeliveryMeasure::absolute;
  std::optional<double> production_index;
  std::optional<double> realised_intensity_t;
  /// realised_t − realised_intensity_t: what a change in production, not in intensity, explains.
  std::optional<double> production_effect_t;
  int overdue_milestones = 0;     ///< due by 31 Dec of `year` and not at 100 %
  Status status = Status::no_data;
  double max_support_eur = 0;
  double paid_eur = 0;            ///< payments made up to the end of `year`
  double claw_back_eur = 0;       ///< due under the deal's rule up to `year`
  model::ClawBackRule claw_back_rule = model::ClawBackRule::none;
  std::vector<CoBenefitStatus> co_benefits;  ///< by name
  int co_benefits_behind = 0;                ///< state "behind"
  /// The state's obligations, then the company's milestones (with their shifted due dates).
  std::vector<ObligationState> obligations;
  int late_state_obligations = 0;
};

/// A claw-back computation, with its parts (docs/deals.md "Claw-back").
struct ClawBackResult {
  model::ClawBackRule rule = model::ClawBackRule::none;
  model::DeliveryMeasure measure = model::DeliveryMeasure::absolute;  ///< what realised is measured on
  int year = 0;
  double paid_eur = 0;
  double committed_t = 0;       ///< Σ committed over the monitored years ≤ year
  double delivered_t = 0;       ///< Σ min(realised, committed) over those years
  double shortfall_share = 0;   ///< (committed − delivered) ÷ committed
  double excess_profit_eur = 0; ///< profit_share: Σ max(0, profit − projected)
  double share = 1;
  double amount_eur = 0;
};

/// One audit log entry.
struct AuditEntry {
  long long seq = 0;
  std::string recorded_at;  ///< UTC, ISO 8601
  std::string actor;
  std::string action;  ///< init, import, phase, milestone, monitor, monitor-replace, pay, co-benefit, obligation
  std::string deal_id;
  std::string payload;     ///< the change, as key=value lines
  std::string state_hash;  ///< SHA-256 of the database (schema, meta, data tables) after the change
  std::string prev_hash;
  std::string hash;        ///< HMAC-SHA256 under the audit key (SHA-256 unkeyed) over prev_hash and the fields
};

/// The head of the audit log: its number of entries and the last entry's hash. Published (say in
/// a progress letter), it lets a later `audit --verify --expect-head` prove that the log still
/// holds that entry unchanged: nothing up to it was rewritten, removed or rolled back.
struct AuditHead {
  long long entries = 0;
  std::string hash;
  /// "ENTRIES:HASH", the form `registry audit --head` prints and --expect-head reads.
  std::string to_string() const;
  /// Parses "ENTRIES:HASH" (64 lower-case hex digits); nullopt when malformed.
  static std::optional<AuditHead> parse(std::string_view text);
};

/// Result of `audit --verify`.
struct AuditCheck {
  bool ok = true;
  long long entries = 0;
  std::string scheme;  ///< "hmac-sha256" or "sha256"
  AuditHead head;      ///< the log's head as verified
  std::vector<std::string> problems;
};

/// The registry file format this build writes and reads (2: meta and schema in the state hash,
/// keyed MACs, head record, init entry; 3: co-benefit tables, issue 17; 4: the state's obligations
/// and their status updates, issue 17 §2).
inline constexpr int kRegistrySchemaVersion = 4;

class Registry {
 public:
  /// Creates a new registry file (error if the file exists) whose audit log is kept with `key`;
  /// its first audit entry ("init") records the meta table.
  static void init(const std::string& path, const AuditKey& key = {});
  /// Opens an existing registry (error if missing, damaged or not a registry). Reading needs no
  /// key; writing and verifying need the registry's key (none for an unkeyed registry).
  explicit Registry(const std::string& path, AuditKey key = {});
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  /// Imports deals (one transaction for all; one audit entry each). A deal id already present is
  /// an error and nothing is imported. `source_texts[i]` is the file text kept with deal i.
  void import_deals(const std::vector<model::Deal>& deals, const std::vector<std::string>& source_texts,
                    const std::string& actor);
  /// Moves a deal to `to` if the state machine allows it (model::transition_allowed) and `date`
  /// is not before the current phase's date.
  void move_phase(const std::string& deal_id, model::DealPhase to, const std::string& date, const std::string& actor,
                  const std::string& reason);
  /// Records progress (0–100 %) on one of the deal's milestones.
  void record_milestone(const std::string& deal_id, const std::string& milestone_id, const std::string& date,
                        double progress_pct, const std::string& actor, const std::string& note);
  /// Records a year's verified emissions (and, for profit-share claw-back, the realised profit).
  /// A year already recorded is an error unless `replace`.
  void record_monitoring(const std::string& deal_id, int year, double verified_emissions_t,
                         std::optional<double> profit_eur, const std::string& actor, bool replace);
  /// Records the monitored value of one of the deal's co-benefits in a year (in its unit: NOx in
  /// t/yr), once per co-benefit and year.
  void record_co_benefit(const std::string& deal_id, const std::string& what, int year, double value,
                         const std::string& actor);
  /// Records the status of one of the state's obligations in the deal (`late` with the date it is
  /// now expected, `met` on `date`, `open` again, or `cancelled`).
  void record_obligation(const std::string& deal_id, const std::string& obligation_id, model::ObligationStatus status,
                         const std::string& date, const std::string& expected, const std::string& actor,
                         const std::string& note);
  /// Records the production index of the deal's sites in a year (1 = the baseline's production;
  /// the activity data's index, docs/deals.md "Intensity"), once per year.
  void record_production(const std::string& deal_id, int year, double index, const std::string& actor);
  /// Records a payment made; payments may not exceed the deal's maximum support.
  void record_payment(const std::string& deal_id, const std::string& date, double amount_eur, bool performance_linked,
                      const std::string& actor);

  /// Status in `year` (0: the latest monitored year).
  DealStatus status(const std::string& deal_id, int year = 0) const;
  ClawBackResult claw_back(const std::string& deal_id, int year = 0) const;
  /// Every deal's status, by deal id.
  std::vector<DealStatus> portfolio(int year = 0) const;
  std::vector<AuditEntry> audit_log() const;
  /// Checks the chain, the head record, the state and that rows and entries account for each
  /// other; with `expected`, also that the log holds that published head. Lists every problem.
  /// Throws core::Error when the registry is keyed and no key was given.
  AuditCheck verify_audit(const std::optional<AuditHead>& expected = std::nullopt) const;
  /// The head of the audit log as its head record states it.
  AuditHead audit_head() const;

 private:
  void exec(const char* sql) const;
  std::vector<CoBenefitStatus> co_benefit_status(const std::string& deal_id, int year) const;
  /// Both sides' obligations judged at the end of `year` (0: recorded facts only), with the
  /// company's due dates shifted by late state obligations (registry/obligations.cpp).
  std::vector<ObligationState> obligation_status(const std::string& deal_id, int year) const;
  void import_obligations(const model::Deal& d);
  void import_delivery_measure(const model::Deal& d);
  /// The deal's delivery measure and the production index recorded for each year (registry/intensity.cpp).
  model::DeliveryMeasure delivery_measure(const std::string& deal_id) const;
  std::map<int, double> production_indices(const std::string& deal_id) const;
  /// Begins a write: BEGIN IMMEDIATE, then refuses (core::Error, registry.tampered) unless the
  /// data and the log are as the last entry left them and the key is the registry's.
  void check_before_write() const;
  void append_audit(const std::string& actor, const std::string& action, const std::string& deal_id,
                    const std::string& payload);
  std::string path_;
  AuditKey key_;
  sqlite3* db_ = nullptr;
};

/// Genesis value of prev_hash for the first entry.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace decarbfund::registry
