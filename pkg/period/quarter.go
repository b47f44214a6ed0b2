package period

import (
	"fmt"
	"strconv"
)

// MinYear and MaxYear bound the years of quarters and periods.
const (
	MinYear = 2000
	MaxYear = 2100
)

// maxInput bounds the length of text the parsers look at; anything longer
// cannot be a period or a date.
const maxInput = 200

// Quarter is a calendar quarter. The zero value means "no quarter" (used for
// unbounded activity ranges).
type Quarter struct{ Year, Q int }

// String returns the canonical form "2025-Q2"; the zero Quarter gives "".
func (q Quarter) String() string {
	if q.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-Q%d", q.Year, q.Q)
}

// IsZero reports whether q is the zero Quarter.
func (q Quarter) IsZero() bool { return q == Quarter{} }

// Valid reports whether q is a real quarter in the supported years.
func (q Quarter) Valid() bool {
	return q.Q >= 1 && q.Q <= 4 && q.Year >= MinYear && q.Year <= MaxYear
}

// Less orders quarters chronologically.
func (q Quarter) Less(o Quarter) bool {
	if q.Year != o.Year {
		return q.Year < o.Year
	}
	return q.Q < o.Q
}

// Compare returns -1, 0 or +1 as q is before, equal to or after o.
func (q Quarter) Compare(o Quarter) int {
	switch {
	case q.Less(o):
		return -1
	case o.Less(q):
		return 1
	}
	return 0
}

// Next returns the following quarter.
func (q Quarter) Next() Quarter {
	if q.Q >= 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Prev returns the preceding quarter.
func (q Quarter) Prev() Quarter {
	if q.Q <= 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

// Period returns the one-quarter Period for q.
func (q Quarter) Period() Period { return Period{Kind: KindQuarter, Year: q.Year, N: q.Q} }

// Patterns over folded text (see fold): lower case, no diacritics, single
// spaces. Numbers are captured loosely and judged afterwards so that the
// error can say what is wrong.
var (
	reYearFirst = lazyRegexp(`^([0-9]+) ?[-/.]? ?q ?([0-9]+|[ivxlcdm]+)$`)
	reQFirst    = lazyRegexp(`^q ?([0-9]+|[ivxlcdm]+)(?: ?[-/.] ?| )([0-9]+)$`)
	reQuy       = lazyRegexp(`^(?:quy|qui) ?([0-9]+|[ivxlcdm]+)(?: ?[-/.] ?| nam | ?[-/.] ?nam |, nam | )([0-9]+)$`)
	reNoYear    = lazyRegexp(`^(?:quy|qui|q) ?([0-9]{1,2}|[ivxlcdm]+)(?: nam)?$`)
)

var romanQuarter = map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}

// ParseQuarter reads a quarter written as "2025-Q2", "2025Q2", "Q2/2025",
// "Q2-2025", "Quý II/2025", "Quý 2/2025", "Quý 2 năm 2025", "Quý II năm 2025"
// or the same without diacritics ("quy 2 nam 2025"), ignoring case, spacing
// and Unicode normalisation form. Anything else is an *Error.
func ParseQuarter(s string) (Quarter, error) {
	q, err, _ := parseQuarter(s)
	if err != nil {
		return Quarter{}, err
	}
	return q, nil
}

// parseQuarter is ParseQuarter; generic reports that the text did not look
// like a quarter at all (as opposed to a quarter with a wrong number or year).
func parseQuarter(s string) (_ Quarter, _ *Error, generic bool) {
	if len(s) > maxInput {
		return Quarter{}, errQuarterSyntax(s), true
	}
	f := fold(s)
	var num, year string
	if m := reYearFirst().FindStringSubmatch(f); m != nil {
		year, num = m[1], m[2]
	} else if m := reQFirst().FindStringSubmatch(f); m != nil {
		num, year = m[1], m[2]
	} else if m := reQuy().FindStringSubmatch(f); m != nil {
		num, year = m[1], m[2]
	} else if reNoYear().MatchString(f) {
		return Quarter{}, newError(s,
			fmt.Sprintf("quarter %q has no year; write e.g. 2025-Q2 or Quý II/2025", shorten(s)),
			fmt.Sprintf("kỳ báo cáo %q thiếu năm; hãy ghi dạng 2025-Q2 hoặc Quý II/2025", shorten(s))), false
	} else {
		return Quarter{}, errQuarterSyntax(s), true
	}
	q, ok := romanQuarter[num]
	if !ok {
		return Quarter{}, newError(s,
			fmt.Sprintf("%q: there is no quarter %s (quarters are 1–4, I–IV)", shorten(s), upper(num)),
			fmt.Sprintf("%q: không có quý %s (quý chỉ từ 1 đến 4, I đến IV)", shorten(s), upper(num))), false
	}
	y, err := parseYear(s, year)
	if err != nil {
		return Quarter{}, err, false
	}
	return Quarter{Year: y, Q: q}, nil, false
}

func errQuarterSyntax(s string) *Error {
	return newError(s,
		fmt.Sprintf("cannot read %q as a quarter; write it as 2025-Q2, Q2/2025 or Quý II/2025", shorten(s)),
		fmt.Sprintf("không đọc được kỳ báo cáo %q; hãy ghi dạng 2025-Q2, Q2/2025 hoặc Quý II/2025", shorten(s)))
}

// parseYear checks a captured year: four digits within MinYear..MaxYear.
func parseYear(input, digits string) (int, *Error) {
	y, err := strconv.Atoi(digits)
	if err != nil || len(digits) != 4 || y < MinYear || y > MaxYear {
		return 0, newError(input,
			fmt.Sprintf("%q: year %s is outside %d–%d", shorten(input), shorten(digits), MinYear, MaxYear),
			fmt.Sprintf("%q: năm %s nằm ngoài khoảng %d–%d", shorten(input), shorten(digits), MinYear, MaxYear))
	}
	return y, nil
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return shorten(string(b))
}
