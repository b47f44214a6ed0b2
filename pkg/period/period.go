package period

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Kind is the length of a reporting period.
type Kind int

const (
	KindQuarter Kind = iota // one quarter, N = 1..4
	KindHalf                // half year, N = 1 (Q1+Q2) or 2 (Q3+Q4)
	KindYear                // whole year, N = 0
)

// String returns "quarter", "half" or "year".
func (k Kind) String() string {
	switch k {
	case KindQuarter:
		return "quarter"
	case KindHalf:
		return "half"
	case KindYear:
		return "year"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Period is the span a report covers: a quarter, a half year or a year.
type Period struct {
	Kind Kind
	Year int
	N    int // quarter 1–4, half 1–2, 0 for a year
}

// Valid reports whether p is a well-formed period in the supported years.
func (p Period) Valid() bool {
	if p.Year < MinYear || p.Year > MaxYear {
		return false
	}
	switch p.Kind {
	case KindQuarter:
		return p.N >= 1 && p.N <= 4
	case KindHalf:
		return p.N == 1 || p.N == 2
	case KindYear:
		return p.N == 0
	}
	return false
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// String returns the canonical form: "2025-Q2", "2025-H1" or "2025". A
// malformed period gives a descriptive non-canonical form.
func (p Period) String() string {
	if !p.Valid() {
		if p.IsZero() {
			return ""
		}
		return fmt.Sprintf("invalid(%s %d/%d)", p.Kind, p.N, p.Year)
	}
	switch p.Kind {
	case KindQuarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	case KindHalf:
		return fmt.Sprintf("%04d-H%d", p.Year, p.N)
	}
	return fmt.Sprintf("%04d", p.Year)
}

// lazyRegexp compiles expr on first use: compiling every pattern of the package when the
// program starts would cost every vdhv command, even those that never parse a period.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var rePeriod = lazyRegexp(`^([0-9]{4})(?:-([qh])([0-9]))?$`)

// ParsePeriod reads "2025-Q2", "2025-H1", "2025-H2" or "2025" (any case,
// surrounding white space ignored). Failing those, any quarter form accepted
// by ParseQuarter ("Quý II/2025") is read as a one-quarter period.
func ParsePeriod(s string) (Period, error) {
	if len(s) > maxInput {
		return Period{}, errPeriodSyntax(s)
	}
	t := strings.ToLower(strings.TrimSpace(s))
	if m := rePeriod().FindStringSubmatch(t); m != nil {
		y, err := parseYear(s, m[1])
		if err != nil {
			return Period{}, err
		}
		n, _ := strconv.Atoi(m[3])
		var p Period
		switch m[2] {
		case "":
			p = Period{Kind: KindYear, Year: y}
		case "q":
			p = Period{Kind: KindQuarter, Year: y, N: n}
		case "h":
			p = Period{Kind: KindHalf, Year: y, N: n}
		}
		if !p.Valid() {
			return Period{}, errPeriodSyntax(s)
		}
		return p, nil
	}
	q, qerr, generic := parseQuarter(s)
	if qerr != nil {
		// A quarter-shaped error (no year, quarter V, year out of range)
		// is more useful than the generic one.
		if !generic {
			return Period{}, qerr
		}
		return Period{}, errPeriodSyntax(s)
	}
	return q.Period(), nil
}

func errPeriodSyntax(s string) *Error {
	return newError(s,
		fmt.Sprintf("cannot read %q as a period; write a quarter 2025-Q2, a half year 2025-H1 / 2025-H2 or a year 2025", shorten(s)),
		fmt.Sprintf("không đọc được kỳ %q; hãy ghi quý 2025-Q2, 6 tháng 2025-H1 / 2025-H2 hoặc năm 2025", shorten(s)))
}

// Quarters lists the quarters of p in order; nil for an invalid period.
func (p Period) Quarters() []Quarter {
	if !p.Valid() {
		return nil
	}
	switch p.Kind {
	case KindQuarter:
		return []Quarter{{p.Year, p.N}}
	case KindHalf:
		first := 2*p.N - 1
		return []Quarter{{p.Year, first}, {p.Year, first + 1}}
	}
	return []Quarter{{p.Year, 1}, {p.Year, 2}, {p.Year, 3}, {p.Year, 4}}
}

// First and Last return the first and last quarter of p (zero if invalid).
func (p Period) First() Quarter {
	qs := p.Quarters()
	if len(qs) == 0 {
		return Quarter{}
	}
	return qs[0]
}

// Last returns the last quarter of p (zero if invalid).
func (p Period) Last() Quarter {
	qs := p.Quarters()
	if len(qs) == 0 {
		return Quarter{}
	}
	return qs[len(qs)-1]
}

// SamePeriodPrevYear returns the same period one year earlier (cùng kỳ).
func (p Period) SamePeriodPrevYear() Period {
	p.Year--
	return p
}

// Contains reports whether q is one of p's quarters.
func (p Period) Contains(q Quarter) bool {
	if !p.Valid() || q.Year != p.Year || q.Q < 1 || q.Q > 4 {
		return false
	}
	switch p.Kind {
	case KindQuarter:
		return q.Q == p.N
	case KindHalf:
		return (q.Q+1)/2 == p.N
	}
	return true
}
