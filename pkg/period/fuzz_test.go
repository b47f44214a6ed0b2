package period

import "testing"

func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"2025-Q2", "Quý II/2025", "quy 2 nam 2025", "Q4-2100", "Quý V/2025", "Quý II", "", "QII.2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuarter(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("empty error for %q", s)
			}
			return
		}
		if !q.Valid() {
			t.Fatalf("ParseQuarter(%q) = %#v, not valid", s, q)
		}
		// The canonical form reads back to the same quarter.
		back, err := ParseQuarter(q.String())
		if err != nil || back != q {
			t.Fatalf("round trip %q -> %v -> %v, %v", s, q, back, err)
		}
		// So does the Vietnamese long form.
		roman := []string{"", "I", "II", "III", "IV"}[q.Q]
		if back, err := ParseQuarter("Quý " + roman + " năm " + q.String()[:4]); err != nil || back != q {
			t.Fatalf("long form of %v -> %v, %v", q, back, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2025-Q2", "2025-H1", "2025-h2", "2025", "1999", "2025-H3", "Quý II/2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		if !p.Valid() {
			t.Fatalf("ParsePeriod(%q) = %#v, not valid", s, p)
		}
		back, err := ParsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("round trip %q -> %v -> %v, %v", s, p, back, err)
		}
		qs := p.Quarters()
		if len(qs) == 0 {
			t.Fatalf("%v has no quarters", p)
		}
		for _, q := range qs {
			if !p.Contains(q) {
				t.Fatalf("%v does not contain its own %v", p, q)
			}
		}
		for _, w := range []Windows{Calendar, ND09} {
			first, last := w.PeriodRange(p)
			if !first.Before(last) {
				t.Fatalf("%v %v range %v–%v", w, p, first, last)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"05/08/2025", "5/8/2025", "2025-08-05", "31/02/2025", "05.08.2025", "1/1/1900"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.Year() < MinDateYear || d.Year() > MaxDateYear || d.Hour() != 0 {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		back, err := ParseDate(FormatVN(d))
		if err != nil || !back.Equal(d) {
			t.Fatalf("round trip %q -> %v -> %v, %v", s, d, back, err)
		}
		if back, err := ParseDate(d.Format("2006-01-02")); err != nil || !back.Equal(d) {
			t.Fatalf("ISO round trip %q -> %v -> %v, %v", s, d, back, err)
		}
	})
}

func FuzzFromExcelSerial(f *testing.F) {
	for _, v := range []float64{1, 59, 60, 61, 45874.5, 2958465, 0, -3} {
		f.Add(v, false)
		f.Add(v, true)
	}
	f.Fuzz(func(t *testing.T, v float64, d1904 bool) {
		d, err := FromExcelSerial(v, d1904)
		if err != nil {
			return
		}
		if d.Year() < 1900 || d.Year() > 9999 || d.Hour() != 0 {
			t.Fatalf("FromExcelSerial(%v, %v) = %v", v, d1904, d)
		}
	})
}
