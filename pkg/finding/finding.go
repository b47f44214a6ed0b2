// Package finding defines what vdhv says about a submitted file: a Finding names the file,
// sheet and cell, a stable rule code (VDHV-Exxx for errors, VDHV-Wxxx for warnings), what was
// found, what was expected and how to fix it, in Vietnamese or English.
//
// Every rule lives in the catalogue (catalog.go) under a Go name (RuleAmbiguousNumber …),
// its code and a short kebab-case id, so a newcomer finds any rule by its name, its code or
// the words of its message. Codes are stable: a code is never reused for another meaning.
package finding

import (
	"fmt"
	"sort"
	"strings"
)

// Severity of a finding.
type Severity int

const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning" (the JSON and annotation spelling).
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Lang is a user-interface language.
type Lang string

const (
	VI Lang = "vi"
	EN Lang = "en"
)

// ParseLang maps "vi", "en", "en_US.UTF-8" … to a Lang; anything unknown is Vietnamese.
func ParseLang(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "en") {
		return EN
	}
	return VI
}

// Text is one language's wording of a rule. Placeholders {name} are filled from the
// finding's Params; {found} is the cell's content as read.
type Text struct {
	Message  string // what is wrong
	Expected string // what was expected (may be empty)
	Fix      string // how to fix it (may be empty)
}

// Rule is one check of the form.
type Rule struct {
	Code     string // VDHV-E012
	ID       string // ambiguous-number
	Severity Severity
	VI, EN   Text
}

// Finding is one problem found in one place.
type Finding struct {
	Rule   *Rule
	File   string // path as given by the user
	Sheet  string // "" for file-level findings
	Cell   string // A1 reference, "" for sheet- or file-level findings
	Found  string // the content found (already cleaned), "" if not applicable
	Params map[string]string
}

// New makes a finding of rule r.
func New(r *Rule, file, sheet, cell, found string, params ...string) Finding {
	f := Finding{Rule: r, File: file, Sheet: sheet, Cell: cell, Found: found}
	if len(params) > 0 {
		f.Params = make(map[string]string, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			f.Params[params[i]] = params[i+1]
		}
	}
	return f
}

// Severity of the finding (its rule's).
func (f Finding) Severity() Severity { return f.Rule.Severity }

// Code of the finding (its rule's).
func (f Finding) Code() string { return f.Rule.Code }

// Where returns "Sheet!Cell", "Sheet" or "" (Excel's own notation; sheet names with spaces
// are written bare, as users read them, not quoted).
func (f Finding) Where() string {
	switch {
	case f.Sheet != "" && f.Cell != "":
		return f.Sheet + "!" + f.Cell
	default:
		return f.Sheet
	}
}

func (f Finding) text(l Lang) Text {
	if l == EN {
		return f.Rule.EN
	}
	return f.Rule.VI
}

func (f Finding) fill(s string) string {
	if s == "" || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, 2*len(f.Params)+2)
	pairs = append(pairs, "{found}", quoteFound(f.Found))
	keys := make([]string, 0, len(f.Params))
	for k := range f.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		pairs = append(pairs, "{"+k+"}", f.Params[k])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// quoteFound shortens very long content so that a message stays readable.
func quoteFound(s string) string {
	const max = 80
	r := []rune(s)
	if len(r) > max {
		s = string(r[:max]) + "…"
	}
	return "«" + s + "»"
}

// Message is the one-line statement of the problem.
func (f Finding) Message(l Lang) string { return f.fill(f.text(l).Message) }

// Expected is what the rule expects, filled in.
func (f Finding) Expected(l Lang) string { return f.fill(f.text(l).Expected) }

// Fix is how to fix it, filled in.
func (f Finding) Fix(l Lang) string { return f.fill(f.text(l).Fix) }

// Full is the message with what was found, what was expected and the fix, on one line.
func (f Finding) Full(l Lang) string {
	var b strings.Builder
	b.WriteString(f.Message(l))
	if f.Found != "" && !strings.Contains(f.text(l).Message, "{found}") {
		if l == EN {
			b.WriteString("; found ")
		} else {
			b.WriteString("; gặp ")
		}
		b.WriteString(quoteFound(f.Found))
	}
	if e := f.Expected(l); e != "" {
		if l == EN {
			b.WriteString("; expected ")
		} else {
			b.WriteString("; cần ")
		}
		b.WriteString(e)
	}
	if x := f.Fix(l); x != "" {
		if l == EN {
			b.WriteString(". Fix: ")
		} else {
			b.WriteString(". Cách sửa: ")
		}
		b.WriteString(x)
	}
	return b.String()
}

func (f Finding) String() string {
	return fmt.Sprintf("%s %s %s: %s", f.File, f.Where(), f.Rule.Code, f.Full(EN))
}

// List is the findings of one or more files.
type List []Finding

// Count returns the numbers of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, f := range l {
		if f.Rule.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// HasErrors reports whether any finding is an error.
func (l List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// Sort orders findings by file, sheet order of appearance is kept (stable), then row, column.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return false
	})
}
