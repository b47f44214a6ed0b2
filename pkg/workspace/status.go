package workspace

import (
	"slices"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// Reporting statuses (the keys of aggregate.json's "reporting").
const (
	StatusOnTime  = "on_time"
	StatusLate    = "late"
	StatusInvalid = "invalid"
	StatusMissing = "missing"
)

// UnitStatus is the reporting status of one expected unit in one quarter.
type UnitStatus struct {
	Unit    *units.Unit
	Quarter period.Quarter
	Status  string // StatusOnTime, StatusLate, StatusInvalid, StatusMissing
	// Entry is the file the status comes from: the unit's own file, or the roll-up that
	// covers it (Rollup set); nil when missing with no roll-up listing it.
	Entry         *Entry
	Rollup        bool
	Received      time.Time
	ReceivedKnown bool
	// Conflicts are the other files for this unit and quarter, not used: a second file of
	// the unit (finding VDHV-E111) or a roll-up covering a unit that also has its own valid
	// file (VDHV-E110). Non-empty is a problem the caller reports.
	Conflicts []*Entry
}

// Status returns the status of every expected unit (units.Tree.Expected(q): reports and
// active) in every quarter of p, in preorder, then quarter.
//
//   - The unit's own files in the quarter folder (entries with that Unit and Quarter, not
//     roll-ups) are ranked: valid before invalid, then by receipt (known before unknown,
//     newest first), then by path. The first decides; the others are Conflicts.
//   - A valid own file is on time when received before Windows.Deadline(q, deadline_days)
//     or when its receipt time is unknown, else late. An invalid one (errors, unreadable,
//     .xls/.ods) is invalid.
//   - Without a valid own file, a roll-up listing the unit on `Đơn vị tổng hợp` decides:
//     Đã báo cáo is on time (late if the roll-up itself was received late), Báo cáo muộn late,
//     Chưa báo cáo missing; its Ngày nhận is the receipt time. A roll-up with errors makes
//     the units it lists as reported invalid (their figures came in an invalid file). With
//     two roll-ups listing one unit, a valid one beats an invalid one, then the newest.
//   - No file and no roll-up: missing.
func (w *Workspace) Status(p period.Period, entries []Entry) []UnitStatus {
	quarters := p.Quarters()
	type uq struct {
		unit string
		q    period.Quarter
	}
	own := map[uq][]*Entry{}
	type cover struct {
		e *Entry
		c form.CoveredUnit
	}
	covered := map[uq][]cover{}
	for i := range entries {
		e := &entries[i]
		if !slices.Contains(quarters, e.Quarter) {
			continue
		}
		if e.Rollup() {
			for _, c := range e.Result.Submission.Covered {
				if u := w.Units.Lookup(c.Code); u != nil {
					k := uq{u.Code, e.Quarter}
					covered[k] = append(covered[k], cover{e, c})
				}
			}
			continue
		}
		if e.Unit != "" {
			k := uq{e.Unit, e.Quarter}
			own[k] = append(own[k], e)
		}
	}
	var out []UnitStatus
	for _, u := range w.Units.Units() {
		for _, q := range quarters {
			if !u.Reports || !u.ActiveIn(q) {
				continue
			}
			k := uq{u.Code, q}
			files := own[k]
			slices.SortStableFunc(files, rankEntries)
			covers := covered[k]
			slices.SortStableFunc(covers, func(a, b cover) int { return rankEntries(a.e, b.e) })
			st := UnitStatus{Unit: u, Quarter: q, Status: StatusMissing}
			deadline := w.Config.Windows.Deadline(q, w.Config.DeadlineDays)
			switch {
			case len(files) > 0 && (files[0].Valid() || len(covers) == 0):
				e := files[0]
				st.Entry, st.Received, st.ReceivedKnown = e, e.Received, e.ReceivedKnown
				st.Status = StatusInvalid
				if e.Valid() {
					st.Status = timeliness(e.Received, e.ReceivedKnown, deadline)
				}
				st.Conflicts = append(st.Conflicts, files[1:]...)
				for _, c := range covers {
					st.Conflicts = append(st.Conflicts, c.e)
				}
			case len(covers) > 0:
				c := covers[0]
				st.Entry, st.Rollup = c.e, true
				st.Received, st.ReceivedKnown = c.c.Received, !c.c.Received.IsZero()
				if !st.ReceivedKnown {
					st.Received, st.ReceivedKnown = c.e.Received, c.e.ReceivedKnown
				}
				switch {
				case c.c.Status == form.CoverMissing:
					st.Status = StatusMissing
				case !c.e.Valid():
					st.Status = StatusInvalid
				case c.c.Status == form.CoverLate:
					st.Status = StatusLate
				default:
					st.Status = timeliness(c.e.Received, c.e.ReceivedKnown, deadline)
				}
				st.Conflicts = append(st.Conflicts, files...) // invalid own files
				for _, o := range covers[1:] {
					st.Conflicts = append(st.Conflicts, o.e)
				}
			}
			out = append(out, st)
		}
	}
	return out
}

func timeliness(received time.Time, known bool, deadline time.Time) string {
	if !known || period.OnTime(received, deadline) {
		return StatusOnTime
	}
	return StatusLate
}

// rankEntries orders candidate files: valid first, then known receipt time, newest
// first, then path.
func rankEntries(a, b *Entry) int {
	if a.Valid() != b.Valid() {
		if a.Valid() {
			return -1
		}
		return 1
	}
	if a.ReceivedKnown != b.ReceivedKnown {
		if a.ReceivedKnown {
			return -1
		}
		return 1
	}
	if c := b.Received.Compare(a.Received); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}
