package form

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestParseNumberText(t *testing.T) {
	tests := []struct {
		in        string
		want      string // FormatDecimalVN of the result; "" for an error
		ambiguous bool
	}{
		{"1234567", "1.234.567", false},
		{"1.234.567", "1.234.567", false},
		{"1.234,5", "1.234,5", false},
		{"1234.5", "1.234,5", false},
		{"1234,5", "1.234,5", false},
		{"0,25", "0,25", false},
		{"0.125", "0,125", false},
		{"1,234,567.5", "1.234.567,5", false},
		{"12.50", "12,5", false},
		{"  42 ", "42", false},
		{"-5", "-5", false},
		{"1.234", "", true},
		{"1,234", "", true},
		{"12,345", "", true},
		{"123.456", "", true},
		{"1.23.456", "", false},
		{"1..2", "", false},
		{"abc", "", false},
		{"1e5", "", false},
		{"", "", false},
		{"1.234.56", "", false},
		{"1.234,5,6", "", false},
		{"12 000", "", false},
		{"+5", "", false},
		{"NaN", "", false},
		{"Inf", "", false},
		{",5", "", false},
		{"5,", "", false},
	}
	for _, tc := range tests {
		d, err := ParseNumberText(tc.in)
		var amb *Ambiguous
		switch {
		case tc.ambiguous:
			if !errors.As(err, &amb) {
				t.Errorf("%q: want ambiguous, got %v, %v", tc.in, d, err)
			}
		case tc.want == "":
			if err == nil {
				t.Errorf("%q: want error, got %v", tc.in, d)
			}
		default:
			if err != nil || FormatDecimalVN(d, -1) != tc.want {
				t.Errorf("%q: got %v, %v; want %s", tc.in, FormatDecimalVN(d, -1), err, tc.want)
			}
		}
	}
}

func TestAmbiguousReadings(t *testing.T) {
	_, err := ParseNumberText("1.234")
	var amb *Ambiguous
	if !errors.As(err, &amb) {
		t.Fatal(err)
	}
	if amb.Thousands.Int != "1234" || amb.Thousands.Frac != "" || amb.Decimal.Int != "1" || amb.Decimal.Frac != "234" {
		t.Errorf("readings: %+v", amb)
	}
}

func TestScaled(t *testing.T) {
	d, _ := ParseNumberText("1.234,567")
	if v, tp, of := d.Scaled(3); v != 1234567 || tp || of {
		t.Errorf("got %d %v %v", v, tp, of)
	}
	d, _ = ParseNumberText("1,2345")
	if _, tp, _ := d.Scaled(3); !tp {
		t.Error("4 decimals accepted as money")
	}
	d, _ = ParseNumberText("12345678901")
	if _, _, of := d.Scaled(0); !of {
		t.Error("overflow not detected")
	}
}

func TestMoneyString(t *testing.T) {
	for m, want := range map[Money]string{0: "0", 1500: "1.5", 1234567: "1234.567", -20: "-0.02", 1000: "1"} {
		if m.String() != want {
			t.Errorf("%d: %s want %s", m, m.String(), want)
		}
	}
	for m, want := range map[Money]string{0: "0", 1500: "1,5", 1234567000: "1.234.567", 1234567: "1.234,567"} {
		if FormatMoneyVN(m) != want {
			t.Errorf("%d: %s want %s", m, FormatMoneyVN(m), want)
		}
	}
}

func FuzzParseNumberText(f *testing.F) {
	for _, s := range []string{"1.234.567", "1.234,5", "1234.5", "1,234", "0,25", "-3", "1,234,567.5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseNumberText(s)
		if err != nil {
			return
		}
		out := FormatDecimalVN(d, -1)
		if !utf8.ValidString(out) {
			t.Fatal("invalid output")
		}
		// The Vietnamese rendering reads back to the same number, unless it is itself
		// ambiguous (e.g. "1.234" for 1234).
		d2, err := ParseNumberText(out)
		var amb *Ambiguous
		if errors.As(err, &amb) {
			return
		}
		if err != nil || d2 != d {
			t.Fatalf("%q -> %q -> %v %v", s, out, d2, err)
		}
	})
}
