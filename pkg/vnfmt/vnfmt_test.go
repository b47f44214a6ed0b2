package vnfmt

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{Int(0, false), "0"},
		{Int(1234567, false), "1.234.567"},
		{Int(-1234, false), "-1.234"},
		{Int(1234567, true), "1,234,567"},
		{Decimal(1234.5, 1, false, false), "1.234,5"},
		{Decimal(0.125, 3, true, false), "0,125"},
		{Decimal(2.0, 2, true, false), "2"},
		{Decimal(-0.0001, 2, true, false), "0"},
		{Percent(0.125, true, 1, false), "12,5%"},
		{Percent(0.8, true, 1, true), "80.0%"},
		{Percent(0, false, 1, false), "–"},
		{Million(1234567, false), "1.234,567"},
		{Money(999999, false), "999,999 triệu đồng"},
		{Money(1403000000, false), "1.403 tỷ đồng"},
		{Money(1234567890, false), "1.234,57 tỷ đồng"},
		{Money(1500, true), "1.5 million VND"},
		{DateLong(time.Date(2025, 8, 5, 0, 0, 0, 0, time.UTC)), "ngày 05 tháng 8 năm 2025"},
		{DateLong(time.Date(2025, 2, 15, 0, 0, 0, 0, time.UTC)), "ngày 15 tháng 02 năm 2025"},
		{DateLong(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)), "ngày 31 tháng 12 năm 2025"},
		{DateShort(time.Date(2025, 8, 5, 0, 0, 0, 0, time.UTC)), "05/08/2025"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: got %q want %q", i, tc.got, tc.want)
		}
	}
	for _, tc := range []struct {
		cur, prev float64
		en        bool
		want      string
		ok        bool
	}{
		{112.5, 100, false, "tăng 12,5%", true},
		{97, 100, false, "giảm 3,0%", true},
		{100, 100, true, "unchanged", true},
		{5, 0, false, "", false},
	} {
		got, ok := Change(tc.cur, tc.prev, tc.en)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Change(%v,%v): %q %v", tc.cur, tc.prev, got, ok)
		}
	}
}
