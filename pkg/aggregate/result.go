package aggregate

import (
	"math/big"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// Schema is the value of aggregate.json's "schema" key.
const Schema = "vdhv.aggregate/v1"

// Result is everything aggregate.json holds, plus what the reports and the workbook need.
// Results from ReadJSON carry only what the JSON holds (see ReadJSON).
type Result struct {
	Bloc     string // the root unit's code
	Period   period.Period
	Quarters []period.Quarter // the period's quarters, in order
	// Units: every unit of the hierarchy, in preorder (the root first).
	Units []UnitResult
	// Reconciliation: in-bloc agreements whose two reports disagree or lack a side, sorted
	// by normalised number, then units, then issue.
	Reconciliation []Reconciliation
	// Missing: every expected (unit, quarter) with status Missing, by quarter then unit code.
	Missing []MissingReport

	// Problems: units claimed by more than one submission in a quarter (a roll-up and the
	// unit's own file, two roll-ups, two own files), by quarter then unit code. Not in the
	// JSON; the CLI turns them into finding VDHV-E110.
	Problems []Problem
	// Register: the bloc-level (deduplicated) register of in-bloc agreements, sorted like
	// Reconciliation. Not in the JSON.
	Register []RegisterEntry
	// InBlocUnits: codes of the units that report at least one in-bloc agreement in the
	// period (their own rows), in preorder. Not in the JSON.
	InBlocUnits []string
	// Cooperation: for every child of the root (đảng ủy trực thuộc, or a cơ sở directly
	// under the bloc), the other children of the root it has at least one in-bloc agreement
	// with, in preorder. Not in the JSON.
	Cooperation []Cooperation

	index map[string]int
}

// Unit returns the result of the unit with that code (exact, canonical code), or nil.
// Safe for concurrent use.
func (r *Result) Unit(code string) *UnitResult {
	if r == nil {
		return nil
	}
	if r.index != nil {
		if i, ok := r.index[code]; ok && i < len(r.Units) && r.Units[i].Code == code {
			return &r.Units[i]
		}
	}
	for i := range r.Units { // a Result built by hand, or changed since
		if r.Units[i].Code == code {
			return &r.Units[i]
		}
	}
	return nil
}

// buildIndex indexes Units by code (Compute and ReadJSON call it).
func (r *Result) buildIndex() {
	r.index = make(map[string]int, len(r.Units))
	for i := range r.Units {
		r.index[r.Units[i].Code] = i
	}
}

// UnitResult is one unit of the hierarchy.
type UnitResult struct {
	Code, Name, Kind string
	Parent           string // "" for the root
	// Figures over the unit's subtree and the whole period (what aggregate.json holds).
	Figures
	// Own: the unit's own rows and own reporting status only, over the period (agreements
	// as the unit reported them, never merged). For a leaf Own equals Figures. Not in the
	// JSON.
	Own Figures
	// ByQuarter: subtree figures quarter by quarter, aligned with Result.Quarters (for the
	// trend chart). Agreements are counted as if the quarter were the period: "new" is
	// signed inside that quarter's window, "ended" has that quarter's status. Not in the
	// JSON.
	ByQuarter []Figures
}

// Figures are the aggregated figures of one unit over some quarters.
type Figures struct {
	Reporting   Reporting
	Agreements  Agreements
	Procurement Procurement
	Checks      Checks
	Activities  []ActivityFigures // every indicator of form.EnumIndicator, in its order
}

// Reporting counts (unit, quarter) pairs of expected units by status.
// OnTime+Late+Invalid+Missing == Expected.
type Reporting struct {
	Expected, OnTime, Late, Invalid, Missing int64
}

// Agreements are the agreement register's figures (deduplicated at the unit's level).
type Agreements struct {
	InForce, New, Ended, InBloc, Contracts int64
	ContractValue, Delivered               form.Money
	// ByField: every field of form.EnumField in its order (not in the JSON).
	ByField []FieldFigures
}

// FieldFigures are the agreements of one field (Lĩnh vực, from the agreement's latest row).
type FieldFigures struct {
	Field                    string
	InForce, InBloc          int64
	ContractValue, Delivered form.Money
}

// Procurement is spending (Mua sắm).
type Procurement struct {
	Total, Domestic, InBloc form.Money
	ByCategory              []CategoryFigures // every category of form.EnumCategory, in its order
}

// CategoryFigures is the spending of one category.
type CategoryFigures struct {
	Category                string
	Total, Domestic, InBloc form.Money
}

// DomesticShare is Domestic/Total; ok is false when Total is 0.
func (p Procurement) DomesticShare() (share float64, ok bool) { return Share(p.Domestic, p.Total) }

// InBlocShare is InBloc/Total; ok is false when Total is 0.
func (p Procurement) InBlocShare() (share float64, ok bool) { return Share(p.InBloc, p.Total) }

// DomesticShare is Domestic/Total; ok is false when Total is 0.
func (c CategoryFigures) DomesticShare() (float64, bool) { return Share(c.Domestic, c.Total) }

// InBlocShare is InBloc/Total; ok is false when Total is 0.
func (c CategoryFigures) InBlocShare() (float64, bool) { return Share(c.InBloc, c.Total) }

// Share returns num/den, ok false when den is 0 (or negative, which validated input never
// has). Shares are always computed from sums, never averaged.
func Share(num, den form.Money) (float64, bool) {
	if den <= 0 {
		return 0, false
	}
	return float64(num) / float64(den), true
}

// share4 returns num/den rounded half up to 4 decimals, as a count of ten-thousandths,
// computed exactly; ok false when den <= 0.
func share4(num, den form.Money) (int64, bool) {
	if den <= 0 {
		return 0, false
	}
	n := big.NewInt(int64(num))
	n.Mul(n, big.NewInt(20000))
	d := big.NewInt(int64(den))
	n.Add(n, d)
	d.Mul(d, big.NewInt(2))
	// Floor division (Div rounds towards -inf for positive divisors).
	q := new(big.Int).Div(n, d)
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// Checks are inspections and supervisions (Kiểm tra giám sát); a check counts for the unit
// whose file reports it.
type Checks struct {
	Total, InProgramme, Recommendations, Remedied int64
	ByKind                                        []Count // every kind of form.EnumCheckKind
	ByResult                                      []Count // every result of form.EnumCheckResult
}

// Count is one key of an enumeration and its count.
type Count struct {
	Key string
	N   int64
}

// ActivityFigures is one indicator of `Hoạt động`.
type ActivityFigures struct {
	Indicator string
	Count     int64
	Value     form.Money
}

// Issue is a reconciliation issue.
type Issue string

// Reconciliation issues (aggregate.json spellings).
const (
	IssueUnreported     Issue = "unreported"
	IssueRoles          Issue = "roles"
	IssueSignDate       Issue = "sign_date"
	IssueExpiryDate     Issue = "expiry_date"
	IssueStatus         Issue = "status"
	IssueContracts      Issue = "contracts"
	IssueContractValue  Issue = "contract_value"
	IssueDeliveredValue Issue = "delivered_value"
)

// Reconciliation is one (agreement, issue) of the bloc-level đối chiếu.
type Reconciliation struct {
	Agreement string // the number as written (latest row; supplying side when both)
	NumberKey string // normalised number, the sort key (not in the JSON)
	// Units: the pair's two reporting units, sorted; for IssueUnreported the reporting
	// unit then the partner code as written.
	Units [2]string
	Issue Issue
}

// MissingReport is an expected unit without a file in a quarter.
type MissingReport struct {
	Unit    string
	Quarter period.Quarter
}

// Problem is a unit claimed by several submissions in one quarter. Files are the paths of
// all the claiming submissions, sorted. The unit's own file wins (else the roll-up with
// the smallest path); the others' rows for the unit are left out.
type Problem struct {
	Unit    string
	Quarter period.Quarter
	Files   []string
}

// RegisterEntry is one deduplicated in-bloc agreement at the bloc level.
type RegisterEntry struct {
	Number    string // as written, from the representative (latest chosen) row
	NumberKey string
	// Units as in Reconciliation: a merged pair sorted; a one-sided agreement the
	// reporting unit then the partner code.
	Units           [2]string
	Paired          bool // both sides reported it
	Field           string
	Role            string // the representative row's role (the supplying side's, for a pair)
	Signed, Expires time.Time
	Status          string // latest quarter's
	Contracts       int64
	ContractValue   form.Money
	Delivered       form.Money
}

// Cooperation lists, for one child of the root, the other children of the root it
// cooperates with.
type Cooperation struct {
	Unit     string
	Partners []string
}
