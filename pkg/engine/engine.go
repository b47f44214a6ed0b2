// Package engine runs the committee's pipeline on a workspace: scan the period's
// submissions, decide every expected unit's reporting status, aggregate the valid current
// files, and — where its files exist — the same period of the previous year for comparison.
// `vdhv status`, `vdhv aggregate` and `vdhv report` all stand on it, so they always agree.
//
// Run streams: files are read on every core and each valid submission is reduced at once
// to its aggregate.Digest and merged into an aggregate.Builder, so memory does not grow
// with the files' contents; entries keep only a light Result (workspace.ScanOptions.Light).
// Digests and light results are cached between runs by file content (workspace.Cache, in
// workspace.DefaultCacheDir unless Options.CacheDir says otherwise), so a run after a few
// late files arrived reads only those. Options.Reference runs the straightforward
// pipeline instead (every submission read whole and kept, then aggregate.Compute): the
// tests check that both give the same Outcome, and the benchmarks measure the difference.
package engine

import (
	"sort"
	"strconv"
	"sync"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Outcome of running the pipeline for one period.
type Outcome struct {
	Period period.Period
	// Entries: every file found in the period's quarters. After Run their Results are
	// light (workspace.ScanOptions.Light): findings, Info and Covered, no rows.
	Entries  []workspace.Entry
	Statuses []workspace.UnitStatus // every expected unit and quarter, preorder then quarter
	Result   *aggregate.Result
	// Prev is the same period of the previous year, nil when no file of it exists.
	Prev *aggregate.Result
	// Invalid are the reports of files with errors (left out of the figures), and
	// Problems the workspace-level findings (VDHV-E110, VDHV-E111).
	Invalid  []finding.FileReport
	Problems finding.List
	// CacheHits and CacheMisses count the files of the period (and of the previous
	// year's) found in the scan cache and read afresh.
	CacheHits, CacheMisses int
}

// Options of Run.
type Options struct {
	// Progress is called as files are read (done, total); nil for none.
	Progress func(done, total int)
	// NoPrevious skips the previous year's period.
	NoPrevious bool
	// CacheDir is the scan cache's folder: "" for workspace.DefaultCacheDir(), "off" for
	// no cache. A cache that cannot be opened is not used.
	CacheDir string
	// Workers bounds the files read at once; 0 means every core.
	Workers int
	// Reference runs the straightforward pipeline (no digests, no cache): for tests and
	// benchmarks that compare with it.
	Reference bool
}

// StatusOnly decides the reporting statuses of the period for callers that need nothing
// else (vdhv status). Files are read light and through the scan cache (cacheDir as in
// Options.CacheDir), whose entries it fills with the digests an aggregation needs, so that
// checking who reported and then aggregating reads each file once.
func StatusOnly(ws *workspace.Workspace, p period.Period, progress func(int, int), cacheDir string) ([]workspace.UnitStatus, error) {
	entries, err := ws.ScanWith(p.Quarters(), workspace.ScanOptions{
		Progress: progress,
		Light:    true,
		Cache:    openCache(ws, cacheDir),
		Reduce:   reduceToDigest,
	})
	if err != nil {
		return nil, err
	}
	return ws.Status(p, entries), nil
}

// reduceToDigest is what the scan keeps of a valid submission (and caches): the binary
// aggregate.Digest, shared by StatusOnly and streamPeriod so that their cache entries are
// the same.
func reduceToDigest(sub *form.Submission) ([]byte, error) {
	return aggregate.NewDigest(sub).AppendBinary(nil)
}

// Status scans the period and decides the reporting statuses, without aggregating. The
// entries keep their whole Results (a roll-up is built from them).
func Status(ws *workspace.Workspace, p period.Period, progress func(int, int)) (entries []workspace.Entry, st []workspace.UnitStatus, err error) {
	entries, err = ws.Scan(p.Quarters(), progress)
	if err != nil {
		return nil, nil, err
	}
	return entries, ws.Status(p, entries), nil
}

// Run runs the whole pipeline for period p.
func Run(ws *workspace.Workspace, p period.Period, opt Options) (*Outcome, error) {
	var cache *workspace.Cache
	if !opt.Reference {
		cache = openCache(ws, opt.CacheDir)
	}
	run := func(p period.Period, progress func(int, int), prev bool) (*periodRun, error) {
		if opt.Reference {
			return referencePeriod(ws, p, progress)
		}
		return streamPeriod(ws, p, progress, opt.Workers, cache, prev)
	}
	cur, err := run(p, opt.Progress, false)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Period: p, Entries: cur.entries, Statuses: cur.statuses, Result: cur.res, Problems: cur.problems}
	for i := range cur.entries {
		e := &cur.entries[i]
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
		if pr, err := run(p.SamePeriodPrevYear(), nil, true); err == nil && len(pr.entries) > 0 {
			out.Prev = pr.res
		}
	}
	out.CacheHits, out.CacheMisses = cache.Stats()
	return out, nil
}

func openCache(ws *workspace.Workspace, dir string) *workspace.Cache {
	if dir == "off" {
		return nil
	}
	if dir == "" {
		d, ok := workspace.DefaultCacheDir()
		if !ok {
			return nil
		}
		dir = d
	}
	c, err := ws.OpenCache(dir, "aggregate.Digest/"+strconv.Itoa(aggregate.DigestFormat))
	if err != nil {
		return nil
	}
	return c
}

// periodRun is what one period's pipeline gives.
type periodRun struct {
	entries  []workspace.Entry
	statuses []workspace.UnitStatus
	res      *aggregate.Result
	problems finding.List
}

// streamPeriod scans p with light entries, adding every valid file's digest to a Builder
// as it is read, and aggregates the files the statuses choose. With prev (the previous
// year's period, used only if it has files) a period without files stops after the scan:
// its statuses and empty aggregation (80 ms for 2,000 units) would be thrown away.
func streamPeriod(ws *workspace.Workspace, p period.Period, progress func(int, int), workers int, cache *workspace.Cache, prev bool) (*periodRun, error) {
	b, err := aggregate.NewBuilder(ws.Units, p, ws.Config.Windows)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	entries, err := ws.ScanWith(p.Quarters(), workspace.ScanOptions{
		Progress: progress,
		Workers:  workers,
		Light:    true,
		Cache:    cache,
		Reduce:   reduceToDigest,
		Use: func(i int, e *workspace.Entry, reduced []byte) bool {
			d := &aggregate.Digest{Path: e.Path}
			if d.UnmarshalBinary(reduced) != nil {
				return false
			}
			mu.Lock()
			b.Add(i, d)
			mu.Unlock()
			return true
		},
	})
	if err != nil {
		return nil, err
	}
	if prev && len(entries) == 0 {
		return &periodRun{}, nil
	}
	statuses := ws.Status(p, entries)
	index := make(map[*workspace.Entry]int, len(entries))
	for i := range entries {
		index[&entries[i]] = i
	}
	sel, problems := selection(p, entries, statuses)
	use := make(map[int]bool, len(sel.entries))
	for _, e := range sel.entries {
		use[index[e]] = true
	}
	res, err := b.Finish(sel.status, func(seq int) bool { return use[seq] })
	if err != nil {
		return nil, err
	}
	return &periodRun{entries: entries, statuses: statuses, res: res, problems: append(problems, rollupProblems(res)...)}, nil
}

// referencePeriod is the straightforward pipeline: every file read whole and kept, one
// aggregate.Compute over the chosen submissions.
func referencePeriod(ws *workspace.Workspace, p period.Period, progress func(int, int)) (*periodRun, error) {
	entries, statuses, err := Status(ws, p, progress)
	if err != nil {
		return nil, err
	}
	sel, problems := selection(p, entries, statuses)
	in := aggregate.Input{Tree: ws.Units, Period: p, Windows: ws.Config.Windows, Status: sel.status}
	for _, e := range sel.entries {
		in.Subs = append(in.Subs, e.Result.Submission)
	}
	sort.SliceStable(in.Subs, func(i, j int) bool { return in.Subs[i].Path < in.Subs[j].Path })
	res, err := aggregate.Compute(in)
	if err != nil {
		return nil, err
	}
	return &periodRun{entries: entries, statuses: statuses, res: res, problems: append(problems, rollupProblems(res)...)}, nil
}

// chosen is what the statuses decide for the aggregation.
type chosen struct {
	status  map[period.Quarter]map[string]aggregate.Status
	entries []*workspace.Entry // the valid files that count, each once
}

// selection turns the statuses into the aggregation's input: every unit's status, and
// the valid files chosen (a unit's own file, or the roll-up that covers it, then every
// other valid roll-up, whose units' statuses come from their Covered lists); problems are
// the duplicate files (VDHV-E111).
func selection(p period.Period, entries []workspace.Entry, statuses []workspace.UnitStatus) (chosen, finding.List) {
	sel := chosen{status: map[period.Quarter]map[string]aggregate.Status{}}
	used := map[*workspace.Entry]bool{}
	var problems finding.List
	for _, s := range statuses {
		m := sel.status[s.Quarter]
		if m == nil {
			m = map[string]aggregate.Status{}
			sel.status[s.Quarter] = m
		}
		m[s.Unit.Code] = toStatus(s.Status)
		if s.Entry != nil && s.Entry.Valid() && !used[s.Entry] {
			used[s.Entry] = true
			sel.entries = append(sel.entries, s.Entry)
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
			sel.entries = append(sel.entries, e)
		}
	}
	return sel, problems
}

// rollupProblems are the units counted by two files (VDHV-E110).
func rollupProblems(res *aggregate.Result) finding.List {
	var problems finding.List
	for _, pr := range res.Problems {
		problems = append(problems, finding.New(finding.RuleUnitReportedTwice, firstOr(pr.Files, 0), "", "", pr.Unit,
			"quarter", pr.Quarter.String(), "rollup", firstOr(pr.Files, 0), "other", firstOr(pr.Files, 1)))
	}
	return problems
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
