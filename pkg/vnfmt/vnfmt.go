// Package vnfmt writes numbers, amounts, shares and dates the Vietnamese way, as official
// documents do: 1.234.567 (a dot between thousands), 12,5% (a decimal comma), money in
// triệu đồng or tỷ đồng, dates "ngày 05 tháng 8 năm 2025" (day < 10 and months 1–2 with a
// leading zero, as Hướng dẫn 36-HD/VPTW writes them). English output uses 1,234,567 and
// 12.5%.
package vnfmt

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Int writes n with thousands separators ("1.234.567"; en: "1,234,567").
func Int(n int64, en bool) string {
	sep := "."
	if en {
		sep = ","
	}
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Decimal writes f rounded to at most prec decimals (trailing zeros dropped when trim),
// Vietnamese-style ("1.234,5"; en: "1,234.5").
func Decimal(f float64, prec int, trim, en bool) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	neg := f < 0
	if neg {
		f = -f
	}
	s := strconv.FormatFloat(f, 'f', prec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if trim {
		frac = strings.TrimRight(frac, "0")
	}
	n, _ := strconv.ParseInt(intPart, 10, 64)
	out := Int(n, en)
	if frac != "" {
		if en {
			out += "." + frac
		} else {
			out += "," + frac
		}
	}
	if neg && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out
}

// Percent writes a fraction as a percentage with prec decimals ("12,5%"); "–" when !ok.
func Percent(share float64, ok bool, prec int, en bool) string {
	if !ok {
		return "–"
	}
	return Decimal(share*100, prec, false, en) + "%"
}

// Thousandths is an amount in thousandths of a triệu đồng (form.Money).
type Thousandths = int64

// Million writes an amount in triệu đồng with up to 3 decimals ("1.234,5").
func Million(m Thousandths, en bool) string {
	return Decimal(float64(m)/1000, 3, true, en)
}

// Money writes an amount with its unit: below 1.000 triệu in "triệu đồng", from 1.000
// triệu in "tỷ đồng" with up to 2 decimals ("1.234,57 tỷ đồng"); en: "million/billion VND".
func Money(m Thousandths, en bool) string {
	tr := float64(m) / 1000
	if math.Abs(tr) >= 1000 {
		if en {
			return Decimal(tr/1000, 2, true, en) + " billion VND"
		}
		return Decimal(tr/1000, 2, true, en) + " tỷ đồng"
	}
	if en {
		return Decimal(tr, 3, true, en) + " million VND"
	}
	return Decimal(tr, 3, true, en) + " triệu đồng"
}

// DateLong writes "ngày 05 tháng 8 năm 2025" (day < 10 and months 1–2 with a leading zero).
func DateLong(t time.Time) string {
	m := strconv.Itoa(int(t.Month()))
	if t.Month() <= 2 {
		m = "0" + m
	}
	return "ngày " + two(t.Day()) + " tháng " + m + " năm " + strconv.Itoa(t.Year())
}

// DateShort writes "05/08/2025".
func DateShort(t time.Time) string {
	return two(t.Day()) + "/" + two(int(t.Month())) + "/" + strconv.Itoa(t.Year())
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Change describes a change from prev to cur: "tăng 12,5%", "giảm 3,0%", "bằng" (en:
// "up 12.5%", "down 3.0%", "unchanged"); ok is false when prev is 0 (no comparison).
func Change(cur, prev float64, en bool) (string, bool) {
	if prev == 0 {
		return "", false
	}
	d := (cur - prev) / math.Abs(prev)
	switch {
	case math.Abs(d) < 0.0005:
		if en {
			return "unchanged", true
		}
		return "bằng", true
	case d > 0:
		if en {
			return "up " + Percent(d, true, 1, en), true
		}
		return "tăng " + Percent(d, true, 1, en), true
	default:
		if en {
			return "down " + Percent(-d, true, 1, en), true
		}
		return "giảm " + Percent(-d, true, 1, en), true
	}
}
