package period

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestParseQuarter(t *testing.T) {
	q2 := Quarter{2025, 2}
	ok := []struct {
		in   string
		want Quarter
	}{
		{"2025-Q2", q2},
		{"2025Q2", q2},
		{"2025-q2", q2},
		{" 2025 - Q2 ", q2},
		{"Q2/2025", q2},
		{"Q2-2025", q2},
		{"q2 2025", q2},
		{"QII/2025", q2},
		{"Quý II/2025", q2},
		{"Quý 2/2025", q2},
		{"Quý 2 năm 2025", q2},
		{"Quý II năm 2025", q2},
		{"quy 2 nam 2025", q2},
		{"QUÝ II NĂM 2025", q2},
		{"Quí II/2025", q2},
		{"Quý\u00a0II\u00a0/\u00a02025", q2},
		{"Quý  II\nnăm   2025", q2},
		{norm.NFD.String("Quý II năm 2025"), q2},
		{"Quý II, năm 2025", q2},
		{"Quý I/2025", Quarter{2025, 1}},
		{"Quý III/2025", Quarter{2025, 3}},
		{"Quý IV/2025", Quarter{2025, 4}},
		{"Quý 4 năm 2100", Quarter{2100, 4}},
		{"2000-Q1", Quarter{2000, 1}},
	}
	for _, c := range ok {
		got, err := ParseQuarter(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseQuarter(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	bad := []struct {
		in, msg string // msg: a fragment of the English message
	}{
		{"Quý V/2025", "no quarter V"},
		{"Q5/2025", "no quarter 5"},
		{"2025-Q0", "no quarter 0"},
		{"Quý II", "no year"},
		{"Q2", "no year"},
		{"Quý II/1999", "outside 2000–2100"},
		{"2101-Q1", "outside 2000–2100"},
		{"Q2/25", "outside 2000–2100"},
		{"Q2/02025", "outside 2000–2100"},
		{"", "cannot read"},
		{"2025", "cannot read"},
		{"2025-H1", "cannot read"},
		{"Tháng 2/2025", "cannot read"},
		{"Q22025", "cannot read"},
		{"quý 2 2025 extra", "cannot read"},
		{strings.Repeat("Q", 300), "cannot read"},
	}
	for _, c := range bad {
		_, err := ParseQuarter(c.in)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("ParseQuarter(%q): err = %v, want *Error", c.in, err)
			continue
		}
		if !strings.Contains(pe.Message, c.msg) {
			t.Errorf("ParseQuarter(%q): message %q lacks %q", c.in, pe.Message, c.msg)
		}
		if pe.MessageVI == "" || pe.Localized("vi") != pe.MessageVI || pe.Localized("en") != pe.Message {
			t.Errorf("ParseQuarter(%q): bad localisation %+v", c.in, pe)
		}
	}
}

func TestQuarterMethods(t *testing.T) {
	cases := []struct {
		q          Quarter
		str        string
		next, prev Quarter
	}{
		{Quarter{2025, 1}, "2025-Q1", Quarter{2025, 2}, Quarter{2024, 4}},
		{Quarter{2025, 2}, "2025-Q2", Quarter{2025, 3}, Quarter{2025, 1}},
		{Quarter{2025, 4}, "2025-Q4", Quarter{2026, 1}, Quarter{2025, 3}},
		{Quarter{}, "", Quarter{0, 1}, Quarter{-1, 4}},
	}
	for _, c := range cases {
		if got := c.q.String(); got != c.str {
			t.Errorf("%#v.String() = %q, want %q", c.q, got, c.str)
		}
		if got := c.q.Next(); got != c.next {
			t.Errorf("%v.Next() = %v, want %v", c.q, got, c.next)
		}
		if got := c.q.Prev(); got != c.prev {
			t.Errorf("%v.Prev() = %v, want %v", c.q, got, c.prev)
		}
	}
	less := []struct {
		a, b Quarter
		want bool
	}{
		{Quarter{2025, 1}, Quarter{2025, 2}, true},
		{Quarter{2025, 2}, Quarter{2025, 1}, false},
		{Quarter{2024, 4}, Quarter{2025, 1}, true},
		{Quarter{2025, 1}, Quarter{2024, 4}, false},
		{Quarter{2025, 2}, Quarter{2025, 2}, false},
	}
	for _, c := range less {
		if got := c.a.Less(c.b); got != c.want {
			t.Errorf("%v.Less(%v) = %v", c.a, c.b, got)
		}
		wantCmp := 0
		if c.want {
			wantCmp = -1
		} else if c.a != c.b {
			wantCmp = 1
		}
		if got := c.a.Compare(c.b); got != wantCmp {
			t.Errorf("%v.Compare(%v) = %d, want %d", c.a, c.b, got, wantCmp)
		}
	}
	if !(Quarter{}).IsZero() || (Quarter{2025, 1}).IsZero() {
		t.Error("IsZero wrong")
	}
	if !(Quarter{2025, 1}).Valid() || (Quarter{2025, 5}).Valid() || (Quarter{1999, 1}).Valid() {
		t.Error("Valid wrong")
	}
}

func TestParsePeriod(t *testing.T) {
	ok := []struct {
		in   string
		want Period
		str  string
	}{
		{"2025-Q2", Period{KindQuarter, 2025, 2}, "2025-Q2"},
		{"2025-q2", Period{KindQuarter, 2025, 2}, "2025-Q2"},
		{"2025-H1", Period{KindHalf, 2025, 1}, "2025-H1"},
		{"2025-h2", Period{KindHalf, 2025, 2}, "2025-H2"},
		{" 2025 ", Period{KindYear, 2025, 0}, "2025"},
		{"Quý II/2025", Period{KindQuarter, 2025, 2}, "2025-Q2"},
	}
	for _, c := range ok {
		got, err := ParsePeriod(c.in)
		if err != nil || got != c.want || got.String() != c.str {
			t.Errorf("ParsePeriod(%q) = %v (%q), %v; want %v", c.in, got, got.String(), err, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"2025-H3", "cannot read"},
		{"2025-H0", "cannot read"},
		{"2025-Q5", "cannot read"},
		{"2025-Y", "cannot read"},
		{"1999", "outside"},
		{"2101-H1", "outside"},
		{"25", "cannot read"},
		{"", "cannot read"},
		{"Quý V/2025", "no quarter V"},
		{"Quý II", "no year"},
		{"2025-Q2x", "cannot read"},
	}
	for _, c := range bad {
		_, err := ParsePeriod(c.in)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParsePeriod(%q) err = %v, want %q", c.in, err, c.msg)
		}
	}
}

func TestPeriodMethods(t *testing.T) {
	q := func(y, n int) Quarter { return Quarter{y, n} }
	cases := []struct {
		p        Period
		quarters []Quarter
		prev     string
		in, out  []Quarter
	}{
		{Period{KindQuarter, 2025, 2}, []Quarter{q(2025, 2)}, "2024-Q2",
			[]Quarter{q(2025, 2)}, []Quarter{q(2025, 1), q(2025, 3), q(2024, 2)}},
		{Period{KindHalf, 2025, 1}, []Quarter{q(2025, 1), q(2025, 2)}, "2024-H1",
			[]Quarter{q(2025, 1), q(2025, 2)}, []Quarter{q(2025, 3), q(2024, 1)}},
		{Period{KindHalf, 2025, 2}, []Quarter{q(2025, 3), q(2025, 4)}, "2024-H2",
			[]Quarter{q(2025, 3), q(2025, 4)}, []Quarter{q(2025, 2), q(2026, 3)}},
		{Period{KindYear, 2025, 0}, []Quarter{q(2025, 1), q(2025, 2), q(2025, 3), q(2025, 4)}, "2024",
			[]Quarter{q(2025, 1), q(2025, 4)}, []Quarter{q(2024, 4), q(2026, 1), q(2025, 0), q(2025, 5)}},
		{Period{KindHalf, 2025, 3}, nil, "invalid(half 3/2024)", nil, []Quarter{q(2025, 1)}},
	}
	for _, c := range cases {
		got := c.p.Quarters()
		if len(got) != len(c.quarters) {
			t.Errorf("%v.Quarters() = %v, want %v", c.p, got, c.quarters)
		}
		for i := range got {
			if i < len(c.quarters) && got[i] != c.quarters[i] {
				t.Errorf("%v.Quarters() = %v, want %v", c.p, got, c.quarters)
			}
		}
		if s := c.p.SamePeriodPrevYear().String(); s != c.prev {
			t.Errorf("%v.SamePeriodPrevYear() = %s, want %s", c.p, s, c.prev)
		}
		for _, x := range c.in {
			if !c.p.Contains(x) {
				t.Errorf("%v.Contains(%v) = false", c.p, x)
			}
		}
		for _, x := range c.out {
			if c.p.Contains(x) {
				t.Errorf("%v.Contains(%v) = true", c.p, x)
			}
		}
		if len(c.quarters) > 0 && (c.p.First() != c.quarters[0] || c.p.Last() != c.quarters[len(c.quarters)-1]) {
			t.Errorf("%v First/Last = %v/%v", c.p, c.p.First(), c.p.Last())
		}
	}
}

func TestParseWindows(t *testing.T) {
	cases := []struct {
		in   string
		want Windows
		err  bool
	}{
		{"calendar", Calendar, false},
		{" ND09 ", ND09, false},
		{"nd9", 0, true},
		{"", 0, true},
	}
	for _, c := range cases {
		got, err := ParseWindows(c.in)
		if (err != nil) != c.err || (!c.err && got != c.want) {
			t.Errorf("ParseWindows(%q) = %v, %v", c.in, got, err)
		}
		if !c.err && got.String() != strings.ToLower(strings.TrimSpace(c.in)) {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
}

func d(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

func TestRanges(t *testing.T) {
	cases := []struct {
		w           Windows
		p           string
		first, last time.Time
	}{
		{Calendar, "2025-Q1", d(2025, 1, 1), d(2025, 3, 31)},
		{Calendar, "2025-Q2", d(2025, 4, 1), d(2025, 6, 30)},
		{Calendar, "2025-Q3", d(2025, 7, 1), d(2025, 9, 30)},
		{Calendar, "2025-Q4", d(2025, 10, 1), d(2025, 12, 31)},
		{Calendar, "2025-H1", d(2025, 1, 1), d(2025, 6, 30)},
		{Calendar, "2025-H2", d(2025, 7, 1), d(2025, 12, 31)},
		{Calendar, "2025", d(2025, 1, 1), d(2025, 12, 31)},
		{ND09, "2025-Q1", d(2024, 12, 15), d(2025, 3, 14)},
		{ND09, "2025-Q2", d(2025, 3, 15), d(2025, 6, 14)},
		{ND09, "2025-Q3", d(2025, 6, 15), d(2025, 9, 14)},
		{ND09, "2025-Q4", d(2025, 9, 15), d(2025, 12, 14)},
		{ND09, "2025-H1", d(2024, 12, 15), d(2025, 6, 14)},
		{ND09, "2025-H2", d(2025, 6, 15), d(2025, 12, 14)},
		{ND09, "2025", d(2024, 12, 15), d(2025, 12, 14)},
	}
	for _, c := range cases {
		p, err := ParsePeriod(c.p)
		if err != nil {
			t.Fatal(err)
		}
		f, l := c.w.PeriodRange(p)
		if !f.Equal(c.first) || !l.Equal(c.last) {
			t.Errorf("%v PeriodRange(%v) = %s–%s, want %s–%s", c.w, p, FormatVN(f), FormatVN(l), FormatVN(c.first), FormatVN(c.last))
		}
		if p.Kind == KindQuarter {
			q := p.First()
			f, l := c.w.QuarterRange(q)
			if !f.Equal(c.first) || !l.Equal(c.last) {
				t.Errorf("%v QuarterRange(%v) = %s–%s", c.w, q, FormatVN(f), FormatVN(l))
			}
			// Every day of the window maps back to q, the days around it do not.
			for x := f; !x.After(l); x = x.AddDate(0, 0, 1) {
				if got := c.w.QuarterOf(x); got != q {
					t.Fatalf("%v QuarterOf(%s) = %v, want %v", c.w, FormatVN(x), got, q)
				}
			}
			if c.w.ContainsDate(q, f.AddDate(0, 0, -1)) || c.w.ContainsDate(q, l.AddDate(0, 0, 1)) ||
				!c.w.ContainsDate(q, f) || !c.w.ContainsDate(q, l) {
				t.Errorf("%v ContainsDate edges wrong for %v", c.w, q)
			}
		}
	}
	if f, l := Calendar.PeriodRange(Period{KindHalf, 2025, 9}); !f.IsZero() || !l.IsZero() {
		t.Error("invalid period should give zero range")
	}
}

func TestDeadline(t *testing.T) {
	cases := []struct {
		w       Windows
		q       Quarter
		days    int
		lastOK  time.Time // last instant that is on time
		firstNo time.Time // first instant that is late
	}{
		{Calendar, Quarter{2025, 2}, 10,
			time.Date(2025, 7, 10, 23, 59, 59, 0, Zone), time.Date(2025, 7, 11, 0, 0, 0, 0, Zone)},
		{Calendar, Quarter{2025, 4}, 10,
			time.Date(2026, 1, 10, 23, 59, 59, 0, Zone), time.Date(2026, 1, 11, 0, 0, 0, 0, Zone)},
		{ND09, Quarter{2025, 2}, 10,
			time.Date(2025, 6, 24, 23, 59, 59, 0, Zone), time.Date(2025, 6, 25, 0, 0, 0, 0, Zone)},
		{Calendar, Quarter{2025, 1}, 0,
			time.Date(2025, 3, 31, 16, 59, 59, 0, time.UTC), time.Date(2025, 3, 31, 17, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		dl := c.w.Deadline(c.q, c.days)
		if !OnTime(c.lastOK, dl) || OnTime(c.firstNo, dl) {
			t.Errorf("%v Deadline(%v, %d) = %v", c.w, c.q, c.days, dl)
		}
		if _, off := dl.Zone(); off != 7*3600 {
			t.Errorf("deadline zone offset %d", off)
		}
	}
}

func TestParseDate(t *testing.T) {
	ok := []struct {
		in   string
		want time.Time
	}{
		{"05/08/2025", d(2025, 8, 5)},
		{"5/8/2025", d(2025, 8, 5)},
		{"05-08-2025", d(2025, 8, 5)},
		{"05.08.2025", d(2025, 8, 5)},
		{"2025-08-05", d(2025, 8, 5)},
		{" 29/02/2024 ", d(2024, 2, 29)},
		{"31/12/2100", d(2100, 12, 31)},
		{"01/01/1900", d(1900, 1, 1)},
	}
	for _, c := range ok {
		got, err := ParseDate(c.in)
		if err != nil || !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"31/02/2025", "does not exist"},
		{"29/02/2025", "does not exist"},
		{"29/02/1900", "does not exist"},
		{"00/01/2025", "does not exist"},
		{"12/13/2025", "does not exist"},
		{"2025-02-30", "does not exist"},
		{"01/01/1899", "outside"},
		{"01/01/2101", "outside"},
		{"05/08/25", "cannot read"},
		{"05/08-2025", "cannot read"},
		{"2025/08/05", "cannot read"},
		{"05/08/2025 10:00", "cannot read"},
		{"ngày 5", "cannot read"},
		{"", "cannot read"},
	}
	for _, c := range bad {
		_, err := ParseDate(c.in)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseDate(%q) err = %v, want %q", c.in, err, c.msg)
		}
	}
}

func TestFromExcelSerial(t *testing.T) {
	ok := []struct {
		v     float64
		d1904 bool
		want  time.Time
	}{
		{1, false, d(1900, 1, 1)},
		{59, false, d(1900, 2, 28)},
		{61, false, d(1900, 3, 1)},
		{45874, false, d(2025, 8, 5)},
		{45874.75, false, d(2025, 8, 5)},
		{2958465, false, d(9999, 12, 31)},
		{0, true, d(1904, 1, 1)},
		{44412, true, d(2025, 8, 5)},
		{44412.5, true, d(2025, 8, 5)},
	}
	for _, c := range ok {
		got, err := FromExcelSerial(c.v, c.d1904)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("FromExcelSerial(%v, %v) = %v, %v; want %v", c.v, c.d1904, got, err, c.want)
		}
	}
	bad := []struct {
		v     float64
		d1904 bool
	}{
		{60, false}, {60.5, false}, {0.5, false}, {0, false}, {-1, false},
		{2958465.5, false}, {2958466, false}, {-1, true}, {2957004, true},
		{math.NaN(), false}, {math.Inf(1), false}, {math.Inf(-1), true},
	}
	for _, c := range bad {
		if got, err := FromExcelSerial(c.v, c.d1904); err == nil {
			t.Errorf("FromExcelSerial(%v, %v) = %v, want error", c.v, c.d1904, got)
		}
	}
}

func TestFormatVN(t *testing.T) {
	cases := []struct {
		t    time.Time
		want string
	}{
		{d(2025, 8, 5), "05/08/2025"},
		{d(2025, 12, 31), "31/12/2025"},
		{time.Date(2025, 1, 2, 23, 0, 0, 0, Zone), "02/01/2025"},
	}
	for _, c := range cases {
		if got := FormatVN(c.t); got != c.want {
			t.Errorf("FormatVN(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Quý II năm 2025", "quy ii nam 2025"},
		{norm.NFD.String("Thoả thuận"), "thoa thuan"},
		{"  Đảng\u00a0ủy\u200b  ", "dang uy"},
	}
	for _, c := range cases {
		if got := fold(c.in); got != c.want {
			t.Errorf("fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
