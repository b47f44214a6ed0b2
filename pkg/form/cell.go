package form

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/vntext"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// Earliest and latest plausible dates in a form.
var (
	minPlausibleDate = time.Date(1945, 1, 1, 0, 0, 0, 0, time.UTC)
	maxPlausibleDate = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

// cellCtx is where a cell sits, for findings.
type cellCtx struct {
	sheet  string
	ref    string
	column string // header or label shown to the user
}

// text returns a cell's content as cleaned text, reporting legacy encodings, invisible
// characters and formula errors. ok is false when the cell cannot give text.
func (r *reader) text(c *xlsxread.Cell, at cellCtx) (string, bool) {
	if c == nil {
		return "", true
	}
	switch c.Type {
	case xlsxread.CellEmpty:
		return "", true
	case xlsxread.CellError:
		r.add(finding.RuleFormulaError, at, vntext.Clean(c.Value))
		return "", false
	case xlsxread.CellNumber:
		v, ok := r.numberValue(c, at)
		if !ok {
			return "", false
		}
		if r.wb.IsDateStyle(c.Style) {
			if t, err := period.FromExcelSerial(v, r.wb.Date1904()); err == nil {
				return period.FormatVN(t), true
			}
		}
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case xlsxread.CellBool:
		if c.Value == "1" {
			return "TRUE", true
		}
		return "FALSE", true
	}
	raw := c.Value
	if c.Formula != "" && !c.HasValue {
		v, err := r.wb.Calc(at.sheet, at.ref)
		if err != nil {
			r.add(finding.RuleFormulaError, at, c.Formula)
			return "", false
		}
		raw = v
	}
	if c.Formula != "" && isErrorLiteral(raw) {
		r.add(finding.RuleFormulaError, at, raw)
		return "", false
	}
	// The same values recur in a file ("Không", "Sử dụng", "Đang thực hiện"…): the checks
	// below depend only on the text and the cell's font, so they are done once per pair.
	key := textKey{raw, r.wb.FontName(c.Style)}
	v, seen := r.texts[key]
	if !seen {
		v.invisible = hasInvisible(raw)
		v.clean = vntext.Clean(raw)
		v.out = v.clean
		if fixed, enc := vntext.Repair(raw, key.font); enc != vntext.None {
			v.enc, v.out = enc, vntext.Clean(fixed)
		}
		if r.texts == nil {
			r.texts = make(map[textKey]textVal)
		}
		r.texts[key] = v
	}
	if v.invisible {
		r.add(finding.RuleInvisibleChars, at, "")
	}
	if v.enc != vntext.None {
		r.add(finding.RuleLegacyEncoding, at, v.clean, "encoding", v.enc.String(), "converted", v.out)
	}
	return v.out, true
}

type textKey struct{ raw, font string }

// textVal is what text found for one textKey.
type textVal struct {
	invisible  bool
	enc        vntext.Encoding
	clean, out string // the cleaned raw text, and the result (converted when legacy)
}

// isErrorLiteral reports Excel's error values, which some writers store as the string
// result of a formula.
func isErrorLiteral(s string) bool {
	switch strings.TrimSpace(s) {
	case "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA":
		return true
	}
	return false
}

// hasInvisible reports control, zero-width and bidi characters other than ordinary
// whitespace (tab, CR, LF).
func hasInvisible(s string) bool {
	for _, c := range s {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
		case c < 0x20 || (c >= 0x7f && c < 0xa0):
			return true
		case c >= 0x200b && c <= 0x200f, c >= 0x202a && c <= 0x202e, c >= 0x2060 && c <= 0x2064,
			c >= 0x2066 && c <= 0x2069, c == 0xfeff:
			return true
		case c >= 0x80 && unicode.Is(unicode.Cf, c) && c != 0xad:
			return true
		}
	}
	return false
}

// numberValue returns a numeric cell's value (computing formulas without a cached value).
func (r *reader) numberValue(c *xlsxread.Cell, at cellCtx) (float64, bool) {
	raw := c.Value
	if c.Formula != "" && !c.HasValue {
		v, err := r.wb.Calc(at.sheet, at.ref)
		if err != nil {
			r.add(finding.RuleFormulaError, at, c.Formula)
			return 0, false
		}
		raw = v
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.add(finding.RuleNotNumber, at, raw)
		return 0, false
	}
	return f, true
}

// isEmpty reports whether a cell holds nothing (after cleaning).
func isEmpty(c *xlsxread.Cell) bool {
	if c == nil || c.Type == xlsxread.CellEmpty {
		return true
	}
	if c.Type == xlsxread.CellString && !(c.Formula != "" && !c.HasValue) {
		return vntext.IsBlank(c.Value)
	}
	return false
}

// scaled reads a number cell as an integer × 10^scale: scale 0 for counts, 3 for money.
// Empty cells are 0. ok is false when a finding was made.
func (r *reader) scaled(c *xlsxread.Cell, at cellCtx, scale int) (int64, bool) {
	if isEmpty(c) {
		return 0, true
	}
	var d Decimal
	switch c.Type {
	case xlsxread.CellError:
		r.add(finding.RuleFormulaError, at, vntext.Clean(c.Value))
		return 0, false
	case xlsxread.CellBool:
		r.add(finding.RuleBoolInCell, at, c.Value, "expected", r.expectedNumber(scale))
		return 0, false
	case xlsxread.CellNumber:
		f, ok := r.numberValue(c, at)
		if !ok {
			return 0, false
		}
		return r.scaledFloat(f, at, scale)
	default:
		s, ok := r.text(c, at)
		if !ok {
			return 0, false
		}
		if c.Formula != "" && !c.HasValue {
			if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
				return r.scaledFloat(f, at, scale)
			}
		}
		var err error
		d, err = ParseNumberText(s)
		if amb, isAmb := err.(*Ambiguous); isAmb {
			r.add(finding.RuleAmbiguousNumber, at, s,
				"thousands", amb.Thousands.Int, "decimal", FormatDecimalVN(amb.Decimal, -1))
			return 0, false
		}
		if err != nil {
			if scale == 0 {
				r.add(finding.RuleNotInteger, at, s)
			} else {
				r.add(finding.RuleNotNumber, at, s)
			}
			return 0, false
		}
	}
	if d.Neg && !d.IsZero() {
		r.add(finding.RuleNegative, at, d.String())
		return 0, false
	}
	v, tooPrecise, overflow := d.Scaled(scale)
	switch {
	case tooPrecise && scale == 0:
		r.add(finding.RuleNotInteger, at, d.String())
		return 0, false
	case tooPrecise:
		r.add(finding.RuleMoneyDecimals, at, d.String())
		return 0, false
	case overflow:
		r.add(finding.RuleNumberTooLarge, at, d.String())
		return 0, false
	}
	return v, true
}

func (r *reader) expectedNumber(scale int) string {
	if scale == 0 {
		return "số nguyên"
	}
	return "số tiền (triệu đồng)"
}

// scaledFloat checks a float read from a numeric cell. Floats from formulas carry binary
// noise (0.1+0.2), so a value within 1e-6 of a multiple of 10^-scale is taken as exact.
func (r *reader) scaledFloat(f float64, at cellCtx, scale int) (int64, bool) {
	shown := strconv.FormatFloat(f, 'f', -1, 64)
	if f < 0 && f != 0 {
		r.add(finding.RuleNegative, at, strings.ReplaceAll(shown, ".", ","))
		return 0, false
	}
	if f >= 1e9 {
		r.add(finding.RuleNumberTooLarge, at, shown)
		return 0, false
	}
	m := f * math.Pow10(scale)
	rounded := math.Round(m)
	if math.Abs(m-rounded) > 1e-6*math.Max(1, math.Abs(m)*1e-9) && math.Abs(m-rounded) > 1e-6 {
		if scale == 0 {
			r.add(finding.RuleNotInteger, at, strings.ReplaceAll(shown, ".", ","))
		} else {
			r.add(finding.RuleMoneyDecimals, at, strings.ReplaceAll(shown, ".", ","))
		}
		return 0, false
	}
	return int64(rounded), true
}

// date reads a date cell. ok false means a finding was made; zero time with ok true means
// the cell was empty.
func (r *reader) date(c *xlsxread.Cell, at cellCtx) (time.Time, bool) {
	if isEmpty(c) {
		return time.Time{}, true
	}
	var t time.Time
	switch c.Type {
	case xlsxread.CellNumber:
		f, ok := r.numberValue(c, at)
		if !ok {
			return time.Time{}, false
		}
		v, err := period.FromExcelSerial(f, r.wb.Date1904())
		if err != nil {
			r.add(finding.RuleBadDate, at, strconv.FormatFloat(f, 'f', -1, 64))
			return time.Time{}, false
		}
		t = v
	case xlsxread.CellDate:
		s := strings.TrimSpace(c.Value)
		if len(s) >= 10 {
			s = s[:10]
		}
		v, err := time.Parse("2006-01-02", s)
		if err != nil {
			r.add(finding.RuleBadDate, at, c.Value)
			return time.Time{}, false
		}
		t = v
	case xlsxread.CellError:
		r.add(finding.RuleFormulaError, at, vntext.Clean(c.Value))
		return time.Time{}, false
	case xlsxread.CellBool:
		r.add(finding.RuleBadDate, at, c.Value)
		return time.Time{}, false
	default:
		s, ok := r.text(c, at)
		if !ok {
			return time.Time{}, false
		}
		v, err := period.ParseDate(s)
		if err != nil {
			r.add(finding.RuleBadDate, at, s)
			return time.Time{}, false
		}
		t = v
	}
	if t.Before(minPlausibleDate) || t.After(maxPlausibleDate) {
		r.add(finding.RuleDateImplausible, at, period.FormatVN(t))
		return time.Time{}, false
	}
	return t, true
}

// enum reads a value of an enumeration, returning its canonical spelling.
func (r *reader) enum(c *xlsxread.Cell, at cellCtx, e *Enumeration) (string, bool) {
	s, ok := r.text(c, at)
	if !ok || s == "" {
		return "", ok
	}
	if v, found := lookupEnum(e, s); found {
		return v, true
	}
	// Short legacy-encoded values ("Cã" for "Có") look like Unicode on their own; matched
	// against the list they are recognised.
	if i, enc := vntext.MatchLegacy(s, e.Values); i >= 0 {
		r.add(finding.RuleLegacyEncoding, at, s, "encoding", enc.String(), "converted", e.Values[i])
		return e.Values[i], true
	}
	r.add(finding.RuleNotInList, at, s, "allowed", strings.Join(e.Values, "; "))
	return "", false
}

// enumIndex maps each enumeration's folded values to their canonical spelling. Built on
// first use, not at start-up: commands that read no form (help, report) need not pay for it.
var enumIndex = sync.OnceValue(func() map[*Enumeration]map[string]string {
	idx := map[*Enumeration]map[string]string{}
	all := []*Enumeration{EnumYesNo, EnumReportKind, EnumRole, EnumField, EnumStatus, EnumCategory,
		EnumCheckKind, EnumCheckResult, EnumIndicator, EnumCoverStatus, EnumEvaluation}
	for _, e := range all {
		m := make(map[string]string, len(e.Values))
		for _, v := range e.Values {
			m[vntext.Fold(v)] = v
		}
		idx[e] = m
	}
	return idx
})

// lookupEnum matches s against e by the text rules.
func lookupEnum(e *Enumeration, s string) (string, bool) {
	// Most values come from the drop-down, spelled exactly: no need to fold them.
	for _, v := range e.Values {
		if s == v {
			return v, true
		}
	}
	v, ok := enumIndex()[e][vntext.Fold(s)]
	return v, ok
}

// Canonical returns the canonical spelling of s in e, or "" when it is not a value of e.
func Canonical(e *Enumeration, s string) string {
	v, _ := lookupEnum(e, s)
	return v
}
