package report

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Data is what the wording templates (templates/report/*.tmpl) see: the period, the
// bloc-level figures of the period (C) and of the same period of the previous year (P,
// zeros when HasPrev is false), and the lists the findings name. Money is form.Money
// (thousandths of a triệu đồng); shares are fractions.
type Data struct {
	Period     string // "2025-H1" or "2025"
	Year       int
	NextYear   int // Year+1
	Annual     bool
	PeriodText string // "6 tháng đầu năm 2025" | "năm 2025"
	NextText   string // "6 tháng cuối năm 2025" | "năm 2026"
	PrevText   string // "cùng kỳ năm 2024" | "năm 2024"
	HasPrev    bool
	Bloc       string  // the root unit's name
	Target     float64 // the target domestic share (vdhv.yaml target_share)
	Doc        DocInfo // number, date and place of the document

	C, P Figures

	// Structure of the hierarchy in the period.
	TopUnits   int // children of the root (đảng ủy trực thuộc and cơ sở directly under it)
	Committees int // children of the root that have units under them (đảng ủy trực thuộc)
	Units      int // distinct units expected to report in the period

	// Reporting, named (section I.5 and II).
	MissingUnits []UnitQuarters // units with a quarter not reported
	LateUnits    []UnitQuarters // units with a quarter reported late
	InvalidUnits []UnitQuarters // units whose current file of a quarter has errors
	Quarters     int            // quarters in the period

	// Agreements (I.2).
	Coop       []CoopLine // children of the root by partners, most first (ties: hierarchy order)
	CoopOthers int        // the other children of the root each one could cooperate with
	CoopNone   []string   // names of the children of the root without an in-bloc partner
	TopFields  []FieldLine

	// Procurement (I.3).
	Categories    []CategoryLine
	UnitsAssessed int        // units that reported spending (their own rows)
	UnitsMeeting  int        // of which at or above Target
	UnderTarget   []UnitLine // the others, lowest share first

	// Checks (I.4, II).
	OutsideProgramme []UnitLine // units with checks outside the annual programme (N = count)

	// Reconciliation (II).
	Unreconciled      int      // distinct agreements with a reconciliation issue
	UnreconciledUnits []string // names of the units involved, hierarchy order
	OneSided          int      // of which reported by one side only

	// The committee's text (so that wording can adapt); the paragraphs themselves are
	// added by the code after the template output.
	HasHighlights, HasLimitations, HasCauses, HasTasks, HasProposals bool
}

// DocInfo identifies the document (for the appendices' "Kèm theo Báo cáo số …" line).
type DocInfo struct {
	Number    string // "12" ("" when not numbered yet)
	Code      string // "BC/BCĐ"
	NumberAll string // "12-BC/BCĐ" ("    -BC/BCĐ" when not numbered yet)
	Place     string
	Date      time.Time
	DateShort string // "05/08/2025"
	DateLong  string // "ngày 05 tháng 8 năm 2025"
}

// Figures are the bloc-level figures of one period, flattened for templates.
type Figures struct {
	// Reporting: (unit, quarter) pairs.
	Expected, OnTime, Late, Invalid, Missing, Received int64

	// Agreements.
	InForce, New, Ended, InBloc, Outside, Contracts int64
	ContractValue, Delivered                        form.Money
	UnitsInBloc                                     int64 // units reporting an in-bloc agreement

	// Procurement.
	Spend, Domestic, InBlocSpend form.Money
	DomesticShare, InBlocShare   float64
	HasShare                     bool

	// Checks.
	Checks, InProgramme, OutsideProgramme, Recommendations, Remedied int64
	ByKind, ByResult                                                 []aggregate.Count

	// Activities (Hoạt động), by indicator.
	Meetings, Attendees, Articles, Fairs, Matchmaking int64
	Projects                                          int64
	ProjectsValue                                     form.Money
	Initiatives                                       int64
	InitiativesValue                                  form.Money
	Brands, Commended                                 int64
}

// UnitQuarters is a unit and the quarters ("I", "II" …) a finding concerns.
type UnitQuarters struct {
	Code, Name string
	Quarters   []string
}

// CoopLine is one child of the root and how many of the others it cooperates with.
type CoopLine struct {
	Code, Name string
	Partners   int
}

// FieldLine is one field (lĩnh vực) of the agreements.
type FieldLine struct {
	Field                    string
	InForce, InBloc          int64
	ContractValue, Delivered form.Money
}

// CategoryLine is the spending of one category.
type CategoryLine struct {
	Category                   string
	Total, Domestic, InBloc    form.Money
	DomesticShare, InBlocShare float64
	HasShare                   bool
}

// UnitLine is a unit with a share or a count.
type UnitLine struct {
	Code, Name string
	Share      float64
	N          int64
}

// Indicator names of `Hoạt động` (form.EnumIndicator), in order.
var indicatorFields = []string{"Meetings", "Attendees", "Articles", "Fairs", "Matchmaking", "Projects", "Initiatives", "Brands", "Commended"}

func flatten(u *aggregate.UnitResult, inBlocUnits int) Figures {
	var f Figures
	if u == nil {
		return f
	}
	r := u.Reporting
	f.Expected, f.OnTime, f.Late, f.Invalid, f.Missing = r.Expected, r.OnTime, r.Late, r.Invalid, r.Missing
	f.Received = r.OnTime + r.Late
	a := u.Agreements
	f.InForce, f.New, f.Ended, f.InBloc, f.Contracts = a.InForce, a.New, a.Ended, a.InBloc, a.Contracts
	f.Outside = a.InForce - a.InBloc
	f.ContractValue, f.Delivered = a.ContractValue, a.Delivered
	f.UnitsInBloc = int64(inBlocUnits)
	p := u.Procurement
	f.Spend, f.Domestic, f.InBlocSpend = p.Total, p.Domestic, p.InBloc
	f.DomesticShare, f.HasShare = p.DomesticShare()
	f.InBlocShare, _ = p.InBlocShare()
	c := u.Checks
	f.Checks, f.InProgramme, f.Recommendations, f.Remedied = c.Total, c.InProgramme, c.Recommendations, c.Remedied
	f.OutsideProgramme = c.Total - c.InProgramme
	f.ByKind, f.ByResult = c.ByKind, c.ByResult
	for i, act := range u.Activities {
		idx := -1
		for j, ind := range form.EnumIndicator.Values {
			if ind == act.Indicator {
				idx = j
				break
			}
		}
		if idx < 0 {
			idx = i
		}
		switch idx {
		case 0:
			f.Meetings = act.Count
		case 1:
			f.Attendees = act.Count
		case 2:
			f.Articles = act.Count
		case 3:
			f.Fairs = act.Count
		case 4:
			f.Matchmaking = act.Count
		case 5:
			f.Projects, f.ProjectsValue = act.Count, act.Value
		case 6:
			f.Initiatives, f.InitiativesValue = act.Count, act.Value
		case 7:
			f.Brands = act.Count
		case 8:
			f.Commended = act.Count
		}
	}
	return f
}

// Roman numerals of quarters.
var romans = []string{"", "I", "II", "III", "IV"}

func roman(n int) string {
	if n >= 1 && n < len(romans) {
		return romans[n]
	}
	return strconv.Itoa(n)
}

// NewData computes the template data of an outcome. The outcome must hold a Result.
func NewData(out *engine.Outcome, tf *TextFile, cfg config.Config) *Data {
	res := out.Result
	p := out.Period
	d := &Data{Period: p.String(), Year: p.Year, NextYear: p.Year + 1, Annual: p.Kind == period.KindYear,
		Target: cfg.TargetShare, Quarters: len(p.Quarters())}
	if d.Annual {
		d.PeriodText = "năm " + strconv.Itoa(p.Year)
		d.NextText = "năm " + strconv.Itoa(p.Year+1)
		d.PrevText = "năm " + strconv.Itoa(p.Year-1)
	} else {
		d.PeriodText = "6 tháng đầu năm " + strconv.Itoa(p.Year)
		d.NextText = "6 tháng cuối năm " + strconv.Itoa(p.Year)
		if p.N == 2 {
			d.PeriodText = "6 tháng cuối năm " + strconv.Itoa(p.Year)
			d.NextText = "6 tháng đầu năm " + strconv.Itoa(p.Year+1)
		}
		d.PrevText = "cùng kỳ năm " + strconv.Itoa(p.Year-1)
	}
	if tf != nil {
		d.HasHighlights, d.HasLimitations, d.HasCauses = len(tf.Highlights) > 0, len(tf.Limitations) > 0, len(tf.Causes) > 0
		d.HasTasks, d.HasProposals = len(tf.Tasks) > 0, len(tf.Proposals) > 0
	}
	if res == nil || len(res.Units) == 0 {
		return d
	}
	root := &res.Units[0]
	d.Bloc = root.Name
	d.C = flatten(root, len(res.InBlocUnits))
	if out.Prev != nil && len(out.Prev.Units) > 0 {
		d.HasPrev = true
		d.P = flatten(&out.Prev.Units[0], len(out.Prev.InBlocUnits))
	}
	names := map[string]string{}
	order := map[string]int{}
	for i, u := range res.Units {
		names[u.Code] = u.Name
		order[u.Code] = i
		if u.Parent == root.Code {
			d.TopUnits++
			if hasChildren(res, u.Code) {
				d.Committees++
			}
		}
	}
	nameOf := func(code string) string {
		if n, ok := names[code]; ok && n != "" {
			return n
		}
		return code
	}

	// Reporting, from the statuses (preorder, then quarter).
	seen := map[string]bool{}
	collect := func(list []UnitQuarters, u string, name string, q period.Quarter) []UnitQuarters {
		if n := len(list); n > 0 && list[n-1].Code == u {
			list[n-1].Quarters = append(list[n-1].Quarters, roman(q.Q))
			return list
		}
		return append(list, UnitQuarters{Code: u, Name: name, Quarters: []string{roman(q.Q)}})
	}
	for _, s := range out.Statuses {
		if s.Unit == nil {
			continue
		}
		code := s.Unit.Code
		if !seen[code] {
			seen[code] = true
			d.Units++
		}
		switch s.Status {
		case workspace.StatusMissing:
			d.MissingUnits = collect(d.MissingUnits, code, s.Unit.Name, s.Quarter)
		case workspace.StatusLate:
			d.LateUnits = collect(d.LateUnits, code, s.Unit.Name, s.Quarter)
		case workspace.StatusInvalid:
			d.InvalidUnits = collect(d.InvalidUnits, code, s.Unit.Name, s.Quarter)
		}
	}

	// Cooperation between the children of the root.
	if n := len(res.Cooperation); n > 0 {
		d.CoopOthers = n - 1
	}
	for _, c := range res.Cooperation {
		if len(c.Partners) == 0 {
			d.CoopNone = append(d.CoopNone, nameOf(c.Unit))
			continue
		}
		d.Coop = append(d.Coop, CoopLine{Code: c.Unit, Name: nameOf(c.Unit), Partners: len(c.Partners)})
	}
	sort.SliceStable(d.Coop, func(i, j int) bool { return d.Coop[i].Partners > d.Coop[j].Partners })

	// The largest fields by contract value, then agreements.
	for _, f := range root.Agreements.ByField {
		if f.InForce == 0 && f.ContractValue == 0 {
			continue
		}
		d.TopFields = append(d.TopFields, FieldLine{Field: f.Field, InForce: f.InForce, InBloc: f.InBloc,
			ContractValue: f.ContractValue, Delivered: f.Delivered})
	}
	sort.SliceStable(d.TopFields, func(i, j int) bool {
		a, b := d.TopFields[i], d.TopFields[j]
		if a.ContractValue != b.ContractValue {
			return a.ContractValue > b.ContractValue
		}
		return a.InForce > b.InForce
	})

	// Spending by category.
	for _, c := range root.Procurement.ByCategory {
		l := CategoryLine{Category: c.Category, Total: c.Total, Domestic: c.Domestic, InBloc: c.InBloc}
		l.DomesticShare, l.HasShare = c.DomesticShare()
		l.InBlocShare, _ = c.InBlocShare()
		d.Categories = append(d.Categories, l)
	}

	// Units against the target share, and checks outside the programme: own rows.
	for i := range res.Units {
		u := &res.Units[i]
		if share, ok := u.Own.Procurement.DomesticShare(); ok {
			d.UnitsAssessed++
			if meetsTarget(share, cfg.TargetShare) {
				d.UnitsMeeting++
			} else {
				d.UnderTarget = append(d.UnderTarget, UnitLine{Code: u.Code, Name: u.Name, Share: share})
			}
		}
		if n := u.Own.Checks.Total - u.Own.Checks.InProgramme; n > 0 {
			d.OutsideProgramme = append(d.OutsideProgramme, UnitLine{Code: u.Code, Name: u.Name, N: n})
		}
	}
	sort.SliceStable(d.UnderTarget, func(i, j int) bool { return d.UnderTarget[i].Share < d.UnderTarget[j].Share })

	// Reconciliation.
	agreements := map[string]bool{}
	oneSided := map[string]bool{}
	involved := map[string]bool{}
	for _, r := range res.Reconciliation {
		agreements[r.NumberKey+"\x00"+r.Units[0]+"\x00"+r.Units[1]] = true
		if r.Issue == aggregate.IssueUnreported {
			oneSided[r.NumberKey+"\x00"+r.Units[0]+"\x00"+r.Units[1]] = true
		}
		for _, u := range r.Units {
			if _, ok := names[u]; ok {
				involved[u] = true
			}
		}
	}
	d.Unreconciled, d.OneSided = len(agreements), len(oneSided)
	var inv []string
	for u := range involved {
		inv = append(inv, u)
	}
	sort.Slice(inv, func(i, j int) bool { return order[inv[i]] < order[inv[j]] })
	for _, u := range inv {
		d.UnreconciledUnits = append(d.UnreconciledUnits, nameOf(u))
	}
	return d
}

// meetsTarget reports whether a share reaches the target; the same test as the tables'
// "units under target" list, so that the text and the appendix always agree.
func meetsTarget(share, target float64) bool { return share >= target }

func hasChildren(res *aggregate.Result, code string) bool {
	for _, u := range res.Units {
		if u.Parent == code {
			return true
		}
	}
	return false
}

// DefaultDate is the date of a report whose text file gives none (and no
// SOURCE_DATE_EPOCH is set): the day after the on-time deadline of the period's last
// quarter (Windows.Deadline), e.g. 11/07/2025 for 2025-H1 with the default 10 days. It
// depends only on the period and the settings, never on the clock.
func DefaultDate(p period.Period, cfg config.Config) time.Time {
	last := p.Last()
	if last.IsZero() {
		return time.Time{}
	}
	dl := cfg.Windows.Deadline(last, cfg.DeadlineDays)
	return time.Date(dl.Year(), dl.Month(), dl.Day(), 0, 0, 0, 0, time.UTC)
}

// joinNames writes "A", "A và B", "A, B và C".
func joinNames(list []string) string {
	switch len(list) {
	case 0:
		return ""
	case 1:
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " và " + list[len(list)-1]
}
