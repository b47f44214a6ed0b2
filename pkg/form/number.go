package form

import (
	"errors"
	"strings"
)

// Reading numbers typed as text (rule of form-v1.md, "Numbers").
//
// Accepted: plain digits ("1234567"), Vietnamese grouping with '.' and decimal ',' ("1.234.567",
// "1.234,5"), a lone decimal point or comma ("1234.5", "1234,5", "0,25"), and — because a
// number with both separators is unambiguous — English style "1,234,567.5". A lone separator
// followed by exactly three digits after one to three digits ("1.234", "1,234", "12,345")
// could be a thousands separator or a decimal one: that is ErrAmbiguous, and the caller shows
// both readings. A leading '-' is read (the caller reports negatives); '+' and spaces inside
// are not numbers.

// Decimal is an exactly parsed decimal number.
type Decimal struct {
	Neg  bool
	Int  string // digits without leading zeros ("0" for zero)
	Frac string // digits after the decimal separator, trailing zeros removed
}

// ErrNotNumber: the text is not a number.
var ErrNotNumber = errors.New("not a number")

// Ambiguous describes a text number that can be read two ways.
type Ambiguous struct {
	Thousands Decimal // reading the separator as a thousands separator
	Decimal   Decimal // reading it as the decimal separator
}

func (a *Ambiguous) Error() string { return "ambiguous number" }

// ParseNumberText parses s. It returns ErrNotNumber, or *Ambiguous.
func ParseNumberText(s string) (Decimal, error) {
	s = strings.TrimSpace(s)
	var d Decimal
	if strings.HasPrefix(s, "-") {
		d.Neg = true
		s = strings.TrimSpace(s[1:])
	}
	if s == "" || len(s) > 200 {
		return Decimal{}, ErrNotNumber
	}
	dots, commas, digits := 0, 0, 0
	lastDot, lastComma := -1, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
			lastDot = i
		case c == ',':
			commas++
			lastComma = i
		default:
			return Decimal{}, ErrNotNumber
		}
	}
	if digits > 40 {
		return Decimal{}, ErrNotNumber
	}
	var intPart, fracPart string
	var group byte
	switch {
	case dots == 0 && commas == 0:
		intPart = s
	case dots > 0 && commas > 0:
		// The last separator is the decimal one and must occur once.
		if lastDot > lastComma {
			if dots != 1 {
				return Decimal{}, ErrNotNumber
			}
			group, intPart, fracPart = ',', s[:lastDot], s[lastDot+1:]
		} else {
			if commas != 1 {
				return Decimal{}, ErrNotNumber
			}
			group, intPart, fracPart = '.', s[:lastComma], s[lastComma+1:]
		}
		if fracPart == "" {
			return Decimal{}, ErrNotNumber
		}
	default:
		sep := byte('.')
		n := dots
		if commas > 0 {
			sep, n = ',', commas
		}
		if n > 1 {
			group, intPart = sep, s // several: grouping only
		} else {
			i := strings.IndexByte(s, sep)
			before, after := s[:i], s[i+1:]
			if before == "" || after == "" {
				return Decimal{}, ErrNotNumber
			}
			if len(before) <= 3 && len(after) == 3 && !(before == "0") {
				th, err1 := digitsDecimal(before+after, "", false)
				de, err2 := digitsDecimal(before, after, false)
				if err1 != nil || err2 != nil {
					return Decimal{}, ErrNotNumber
				}
				th.Neg, de.Neg = d.Neg, d.Neg
				return Decimal{}, &Ambiguous{Thousands: th, Decimal: de}
			}
			intPart, fracPart = before, after
		}
	}
	if group != 0 {
		groups := strings.Split(intPart, string(group))
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return Decimal{}, ErrNotNumber
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return Decimal{}, ErrNotNumber
			}
		}
		intPart = strings.Join(groups, "")
	}
	r, err := digitsDecimal(intPart, fracPart, d.Neg)
	if err != nil {
		return Decimal{}, err
	}
	return r, nil
}

func digitsDecimal(intPart, fracPart string, neg bool) (Decimal, error) {
	if intPart == "" {
		return Decimal{}, ErrNotNumber
	}
	for i := 0; i < len(intPart); i++ {
		if intPart[i] < '0' || intPart[i] > '9' {
			return Decimal{}, ErrNotNumber
		}
	}
	for i := 0; i < len(fracPart); i++ {
		if fracPart[i] < '0' || fracPart[i] > '9' {
			return Decimal{}, ErrNotNumber
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	fracPart = strings.TrimRight(fracPart, "0")
	d := Decimal{Neg: neg, Int: intPart, Frac: fracPart}
	if d.IsZero() {
		d.Neg = false
	}
	return d, nil
}

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.Int == "0" && d.Frac == "" }

// maxMagnitude bounds amounts and counts: 10^9 (a million billion đồng for money), so that
// sums over every row of every file can never overflow.
const maxIntDigits = 9

// Scaled returns d × 10^scale as an integer; ok is false when d has more than scale decimals
// (tooPrecise) or is too large (overflow).
func (d Decimal) Scaled(scale int) (v int64, tooPrecise, overflow bool) {
	if len(d.Frac) > scale {
		return 0, true, false
	}
	if len(d.Int) > maxIntDigits {
		return 0, false, true
	}
	digits := d.Int + d.Frac + strings.Repeat("0", scale-len(d.Frac))
	for i := 0; i < len(digits); i++ {
		v = v*10 + int64(digits[i]-'0')
	}
	if d.Neg {
		v = -v
	}
	return v, false, false
}

// String writes d in Vietnamese style ("1.234,5").
func (d Decimal) String() string { return FormatDecimalVN(d, -1) }

// FormatDecimalVN writes d with '.' thousands groups and a ',' decimal separator. With
// minFrac ≥ 0 the fraction is padded to at least that many digits.
func FormatDecimalVN(d Decimal, minFrac int) string {
	var b strings.Builder
	if d.Neg {
		b.WriteByte('-')
	}
	n := len(d.Int)
	for i := 0; i < n; i++ {
		if i > 0 && (n-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(d.Int[i])
	}
	frac := d.Frac
	for len(frac) < minFrac {
		frac += "0"
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}
