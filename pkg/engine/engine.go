// Package engine runs the committee's pipeline on a workspace: scan the period's
// submissions, decide every expected unit's reporting status, aggregate the valid current
// files, and — where its files exist — the same period of the previous year for comparison.
// `vdhv status`, `vdhv aggregate` and `vdhv report` all stand on it, so they always agree.
package engine

import (
	"sort"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Outcome of running the pipeline for one period.
type Outcome struct {
	Period   period.Period
	Entries  []workspace.Entry      // every file found in the period's quarters
	Statuses []workspace.UnitStatus // every expected unit and quarter, preorder then quarter
	Result   *aggregate.Result
	// Prev is the same period of the previous year, nil when no file of it exists.
	Prev *aggregate.Result
	// Invalid are the reports of files with errors (left out of the figures), and
	// Problems the workspace-level findings (VDHV-E110, VDHV-E111).
	Invalid  []finding.FileReport
	Problems finding.List
}

// Options of Run.
type Options struct {
	// Progress is called as files are read (done, total); nil for none.
	Progress func(done, total int)
	// NoPrevious skips the previous year's period.
	NoPrevious bool
}

// Status scans the period and decides the reporting statuses, without aggregating.
func Status(ws *workspace.Workspace, p period.Period, progress func(int, int)) (entries []workspace.Entry, st []workspace.UnitStatus, err error) {
	entries, err = ws.Scan(p.Quarters(), progress)
	if err != nil {
		return nil, nil, err
	}
	return entries, ws.Status(p, entries), nil
}

// Run runs the whole pipeline for period p.
func Run(ws *workspace.Workspace, p period.Period, opt Options) (*Outcome, error) {
	entries, statuses, err := Status(ws, p, opt.Progress)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Period: p, Entries: entries, Statuses: statuses}
	res, problems, err := compute(ws, p, entries, statuses)
	if err != nil {
		return nil, err
	}
	out.Result, out.Problems = res, problems
	for i := range entries {
		e := &entries[i]
		if e.Result != nil && e.Result.HasErrors() {
			fr := finding.FileReport{Path: e.Path, Findings: e.Result.Findings}
			if s := e.Result.Submission; s != nil {
				fr.Unit = s.Info.UnitCode
				if !s.Info.Quarter.IsZero() {
					fr.Period = s.Info.Quarter.String()
				}
			}
			out.Invalid = append(out.Invalid, fr)
		}
	}
	if !opt.NoPrevious {
		prev := p.SamePeriodPrevYear()
		pe, err := ws.Scan(prev.Quarters(), nil)
		if err == nil && len(pe) > 0 {
			pst := ws.Status(prev, pe)
			if pr, _, err := compute(ws, prev, pe, pst); err == nil {
				out.Prev = pr
			}
		}
	}
	return out, nil
}

// compute aggregates the valid current files chosen by the statuses.
func compute(ws *workspace.Workspace, p period.Period, entries []workspace.Entry, statuses []workspace.UnitStatus) (*aggregate.Result, finding.List, error) {
	in := aggregate.Input{Tree: ws.Units, Period: p, Windows: ws.Config.Windows, Status: map[period.Quarter]map[string]aggregate.Status{}}
	used := map[*workspace.Entry]bool{}
	var problems finding.List
	for _, s := range statuses {
		m := in.Status[s.Quarter]
		if m == nil {
			m = map[string]aggregate.Status{}
			in.Status[s.Quarter] = m
		}
		m[s.Unit.Code] = toStatus(s.Status)
		if s.Entry != nil && s.Entry.Valid() && !used[s.Entry] {
			used[s.Entry] = true
			in.Subs = append(in.Subs, s.Entry.Result.Submission)
		}
		for _, c := range s.Conflicts {
			if s.Entry != nil && c.Rollup() != s.Entry.Rollup() {
				continue // a roll-up against a unit's own file: VDHV-E110 below says it
			}
			problems = append(problems, finding.New(finding.RuleDuplicateSubmission, c.Path, "", "", s.Unit.Code,
				"quarter", s.Quarter.String(), "other", pathOf(s.Entry)))
		}
	}
	// Roll-ups cover units that have no status entry of their own file: add the valid
	// roll-ups not yet chosen (the aggregator takes their units' statuses from Covered).
	for i := range entries {
		e := &entries[i]
		if e.Valid() && e.Rollup() && !used[e] {
			used[e] = true
			in.Subs = append(in.Subs, e.Result.Submission)
		}
	}
	sort.SliceStable(in.Subs, func(i, j int) bool { return in.Subs[i].Path < in.Subs[j].Path })
	res, err := aggregate.Compute(in)
	if err != nil {
		return nil, nil, err
	}
	for _, pr := range res.Problems {
		problems = append(problems, finding.New(finding.RuleUnitReportedTwice, firstOr(pr.Files, 0), "", "", pr.Unit,
			"quarter", pr.Quarter.String(), "rollup", firstOr(pr.Files, 0), "other", firstOr(pr.Files, 1)))
	}
	return res, problems, nil
}

func firstOr(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func pathOf(e *workspace.Entry) string {
	if e == nil {
		return ""
	}
	return e.Path
}

func toStatus(s string) aggregate.Status {
	switch s {
	case workspace.StatusOnTime:
		return aggregate.OnTime
	case workspace.StatusLate:
		return aggregate.Late
	case workspace.StatusInvalid:
		return aggregate.Invalid
	}
	return aggregate.Missing
}
