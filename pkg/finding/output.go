package finding

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// FileReport is what was found in one file.
type FileReport struct {
	Path     string
	Unit     string // unit code read from the file ("" if unknown)
	Period   string // quarter read from the file ("" if unknown)
	Findings List
}

// Formats of findings output.
const (
	FormatText   = "text"
	FormatJSON   = "json"
	FormatGitHub = "github"
	FormatJUnit  = "junit"
)

// Formats lists the accepted --format values.
var Formats = []string{FormatText, FormatJSON, FormatGitHub, FormatJUnit}

// Totals counts errors and warnings over all files.
func Totals(files []FileReport) (errors, warnings int) {
	for _, f := range files {
		e, w := f.Findings.Count()
		errors += e
		warnings += w
	}
	return
}

// Write writes the reports in the named format.
func Write(w io.Writer, format string, files []FileReport, lang Lang, color bool) error {
	switch format {
	case FormatText, "":
		return WriteText(w, files, lang, color)
	case FormatJSON:
		return WriteJSON(w, files, lang)
	case FormatGitHub:
		return WriteGitHub(w, files, lang)
	case FormatJUnit:
		return WriteJUnit(w, files, lang)
	}
	return fmt.Errorf("unknown format %q", format)
}

func sevWord(s Severity, l Lang) string {
	switch {
	case l == EN && s == Error:
		return "error"
	case l == EN:
		return "warning"
	case s == Error:
		return "lỗi"
	}
	return "cảnh báo"
}

func countText(e, w int, l Lang) string {
	if l == EN {
		return fmt.Sprintf("%d %s, %d %s", e, plural(e, "error", "errors"), w, plural(w, "warning", "warnings"))
	}
	return fmt.Sprintf("%d lỗi, %d cảnh báo", e, w)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// WriteText writes findings for people, grouped by file, with a closing total.
func WriteText(w io.Writer, files []FileReport, lang Lang, color bool) error {
	red, yellow, green, bold, reset := "", "", "", "", ""
	if color {
		red, yellow, green, bold, reset = "\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[1m", "\x1b[0m"
	}
	var b strings.Builder
	for _, f := range files {
		e, wn := f.Findings.Count()
		b.WriteString(bold + f.Path + reset)
		if f.Unit != "" || f.Period != "" {
			b.WriteString(" (" + strings.TrimSpace(f.Unit+" "+f.Period) + ")")
		}
		b.WriteString(": ")
		if e == 0 && wn == 0 {
			if lang == EN {
				b.WriteString(green + "OK" + reset + "\n")
			} else {
				b.WriteString(green + "hợp lệ" + reset + "\n")
			}
			continue
		}
		b.WriteString(countText(e, wn, lang) + "\n")
		for _, x := range f.Findings {
			c := red
			if x.Severity() == Warning {
				c = yellow
			}
			where := x.Where()
			if where == "" {
				where = "-"
			}
			fmt.Fprintf(&b, "  %s%-8s%s %s  %s  %s\n", c, sevWord(x.Severity(), lang), reset, x.Code(), where, x.Full(lang))
		}
	}
	e, wn := Totals(files)
	if lang == EN {
		fmt.Fprintf(&b, "%d %s checked: %s\n", len(files), plural(len(files), "file", "files"), countText(e, wn, lang))
	} else {
		fmt.Fprintf(&b, "Đã kiểm tra %d tệp: %s\n", len(files), countText(e, wn, lang))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type jsonFinding struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Rule     string `json:"rule"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Message  string `json:"message"`
	Found    string `json:"found,omitempty"`
	Expected string `json:"expected,omitempty"`
	Fix      string `json:"fix,omitempty"`
}

type jsonFile struct {
	Path     string        `json:"path"`
	Unit     string        `json:"unit"`
	Period   string        `json:"period"`
	Findings []jsonFinding `json:"findings"`
}

type jsonReport struct {
	Files    []jsonFile `json:"files"`
	Errors   int        `json:"errors"`
	Warnings int        `json:"warnings"`
}

// WriteJSON writes {"files":[{"path","unit","period","findings":[…]}],"errors":N,"warnings":N}.
func WriteJSON(w io.Writer, files []FileReport, lang Lang) error {
	rep := jsonReport{Files: []jsonFile{}}
	for _, f := range files {
		jf := jsonFile{Path: f.Path, Unit: f.Unit, Period: f.Period, Findings: []jsonFinding{}}
		for _, x := range f.Findings {
			jf.Findings = append(jf.Findings, jsonFinding{
				Severity: x.Severity().String(), Code: x.Code(), Rule: x.Rule.ID, Sheet: x.Sheet, Cell: x.Cell,
				Message: x.Message(lang), Found: x.Found, Expected: x.Expected(lang), Fix: x.Fix(lang),
			})
		}
		rep.Files = append(rep.Files, jf)
	}
	rep.Errors, rep.Warnings = Totals(files)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// GitHub workflow-command escaping.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteGitHub writes GitHub Actions annotations (::error file=…,title=…::message).
func WriteGitHub(w io.Writer, files []FileReport, lang Lang) error {
	var b strings.Builder
	for _, f := range files {
		for _, x := range f.Findings {
			level := "error"
			if x.Severity() == Warning {
				level = "warning"
			}
			title := x.Code()
			if where := x.Where(); where != "" {
				title += " " + where
			}
			fmt.Fprintf(&b, "::%s file=%s,title=%s::%s\n", level, ghProp(f.Path), ghProp(title), ghData(prefixWhere(x, lang)))
		}
	}
	e, wn := Totals(files)
	if lang == EN {
		fmt.Fprintf(&b, "%d %s checked: %s\n", len(files), plural(len(files), "file", "files"), countText(e, wn, lang))
	} else {
		fmt.Fprintf(&b, "Đã kiểm tra %d tệp: %s\n", len(files), countText(e, wn, lang))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func prefixWhere(x Finding, lang Lang) string {
	if where := x.Where(); where != "" {
		return where + ": " + x.Full(lang)
	}
	return x.Full(lang)
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitSuite struct {
	XMLName  xml.Name    `xml:"testsuite"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

// WriteJUnit writes a JUnit XML report: one test case per file, failing when it has errors;
// warnings go to the case's system-out.
func WriteJUnit(w io.Writer, files []FileReport, lang Lang) error {
	suite := junitSuite{Name: "vdhv validate", Tests: len(files)}
	for _, f := range files {
		c := junitCase{Name: f.Path, Classname: "vdhv.validate"}
		var errs, warns []string
		for _, x := range f.Findings {
			line := x.Code() + " " + prefixWhere(x, lang)
			if x.Severity() == Error {
				errs = append(errs, line)
			} else {
				warns = append(warns, line)
			}
		}
		if len(errs) > 0 {
			suite.Failures++
			c.Failure = &junitFailure{Message: countText(len(errs), len(warns), lang), Type: "vdhv", Text: strings.Join(errs, "\n")}
		}
		if len(warns) > 0 {
			c.SystemOut = strings.Join(warns, "\n")
		}
		suite.Cases = append(suite.Cases, c)
	}
	all := junitSuites{Name: "vdhv", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
