package period

import (
	"fmt"
	"strings"
	"time"
)

// Zone is the workspace time zone, Asia/Ho_Chi_Minh, as a fixed UTC+7
// offset (Vietnam has no daylight saving time), so no tzdata is needed.
var Zone = time.FixedZone("+07", 7*60*60)

// Windows selects how quarters map to dates.
type Windows int

const (
	// Calendar: a quarter is its three calendar months (Q2 = 1/4–30/6).
	Calendar Windows = iota
	// ND09: the cut-off windows of Nghị định 09/2019/NĐ-CP: a quarter runs
	// from the 15th of the month before it to the 14th of its last month
	// (Q1 = 15/12 of the previous year – 14/3).
	ND09
)

// String returns "calendar" or "nd09", the spelling ParseWindows reads.
func (w Windows) String() string {
	switch w {
	case Calendar:
		return "calendar"
	case ND09:
		return "nd09"
	}
	return fmt.Sprintf("Windows(%d)", int(w))
}

// ParseWindows reads "calendar" or "nd09" (any case, surrounding white space
// ignored).
func ParseWindows(s string) (Windows, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "calendar":
		return Calendar, nil
	case "nd09":
		return ND09, nil
	}
	return Calendar, newError(s,
		fmt.Sprintf("unknown windows %q; use calendar or nd09", shorten(s)),
		fmt.Sprintf("cách tính kỳ %q không hợp lệ; dùng calendar (theo quý dương lịch) hoặc nd09 (theo Nghị định 09/2019/NĐ-CP)", shorten(s)))
}

func day(y int, m time.Month, d int) time.Time {
	// time.Date normalises month 0 to December of the previous year.
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// QuarterRange returns the first and last day (inclusive, 00:00 UTC) of q's
// window. An out-of-range q.Q is normalised like time.Date does (not an
// error: callers pass parsed quarters).
func (w Windows) QuarterRange(q Quarter) (first, last time.Time) {
	m := time.Month(3*(q.Q-1) + 1) // first month of the quarter
	if w == ND09 {
		return day(q.Year, m-1, 15), day(q.Year, m+2, 14)
	}
	return day(q.Year, m, 1), day(q.Year, m+3, 0)
}

// PeriodRange returns the first and last day (inclusive, 00:00 UTC) of p's
// window: from the start of its first quarter to the end of its last. An
// invalid p gives zero times.
func (w Windows) PeriodRange(p Period) (first, last time.Time) {
	qs := p.Quarters()
	if len(qs) == 0 {
		return time.Time{}, time.Time{}
	}
	first, _ = w.QuarterRange(qs[0])
	_, last = w.QuarterRange(qs[len(qs)-1])
	return first, last
}

// Deadline returns the exclusive bound for an on-time submission of q: the
// end of the day that is days after the last day of q's window, in Zone
// (that is, 00:00 +07:00 of the following day). A file received strictly
// before the returned instant is on time.
func (w Windows) Deadline(q Quarter, days int) time.Time {
	_, last := w.QuarterRange(q)
	return time.Date(last.Year(), last.Month(), last.Day()+days+1, 0, 0, 0, 0, Zone)
}

// OnTime reports whether received is before deadline (as returned by
// Deadline).
func OnTime(received, deadline time.Time) bool { return received.Before(deadline) }

// ContainsDate reports whether the calendar date of t (read in t's own
// location) lies inside q's window.
func (w Windows) ContainsDate(q Quarter, t time.Time) bool {
	first, last := w.QuarterRange(q)
	d := day(t.Year(), t.Month(), t.Day())
	return !d.Before(first) && !d.After(last)
}

// QuarterOf returns the quarter whose window contains the calendar date of t
// (read in t's own location).
func (w Windows) QuarterOf(t time.Time) Quarter {
	y, m, d := t.Date()
	if w == ND09 {
		if d >= 15 {
			m++ // from the 15th on, the day belongs to the next month's count
		}
		if m > 12 {
			m = 1
			y++
		}
	}
	return Quarter{Year: y, Q: (int(m)-1)/3 + 1}
}
