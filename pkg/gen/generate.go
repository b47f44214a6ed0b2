package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// Names of what Generate writes (those of pkg/workspace, repeated here so that the
// generator does not depend on the workspace package's internals).
const (
	UnitsFile      = "units.yaml"
	ConfigFile     = config.FileName
	SubmissionsDir = "submissions"
	LedgerFile     = "ledger.jsonl" // in SubmissionsDir
	// MarkerFile records the parameters of a generated workspace; Generate only overwrites
	// a folder that holds one (or an empty folder).
	MarkerFile = ".vdhv-gen.yaml"
)

// File statuses in a Summary.
const (
	StatusOnTime  = "on-time"
	StatusLate    = "late"
	StatusInvalid = "invalid"
)

// Summary describes a generated workspace: what a test needs to know to check the
// validator, the aggregator and the reports against it.
type Summary struct {
	Dir        string
	Units      int              // units in units.yaml, the bloc included
	Reporting  int              // units that report (in some quarter)
	Quarters   []QuarterSummary // the written quarters, in order
	Files      []File           // every workbook written, by path
	Agreements int              // distinct agreements listed in a written quarter
	InBloc     int              // of which between two units of the bloc
	Planted    []Discrepancy    // deliberate differences between the two reports of an in-bloc agreement
	ViaParty   []ViaParty       // in-bloc agreements where one side names the other's đảng ủy trực thuộc
	Receipts   int              // lines of the ledger
}

// ViaParty is an in-bloc agreement one side reports with its partner's đảng ủy trực thuộc
// as partner code instead of the cơ sở that signed (form-v1.md allows it).
type ViaParty struct {
	Number  string
	Unit    string // the unit that names the đảng ủy
	Named   string // the đảng ủy's code, as written
	Partner string // the cơ sở that signed and reports the other side
}

// QuarterSummary is the reporting status of the units of one quarter (codes in preorder).
type QuarterSummary struct {
	Quarter                                  period.Quarter
	Expected, OnTime, Late, Missing, Invalid []string
}

// File is one written workbook.
type File struct {
	Path     string // relative to Dir, with '/' separators
	Unit     string
	Quarter  period.Quarter
	Status   string    // StatusOnTime, StatusLate, StatusInvalid
	Received time.Time // in the ledger; zero for invalid files (never received)
	Rule     string    // invalid files: the finding code the file is built to trigger
	Size     int64
	SHA256   string
}

// Generate writes a workspace to dir: units.yaml, vdhv.yaml, submissions/<YYYY>/Q<n>/<CODE>.xlsx
// for every expected unit (some late, some missing, some invalid by design) and
// submissions/ledger.jsonl with the receipt times. The same Params give byte-identical
// files. dir must not exist, be empty, or hold an earlier generated workspace (MarkerFile):
// then its units.yaml, vdhv.yaml and submissions/ are replaced and other files are kept.
func Generate(dir string, p Params) (*Summary, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	// The marker comes first, so that an interrupted run leaves a folder the next run may
	// replace, and last with the parameters, so that Ensure knows the run completed.
	if err := os.WriteFile(filepath.Join(dir, MarkerFile), []byte(markerIncomplete), 0o644); err != nil {
		return nil, err
	}
	h := buildHierarchy(&p)
	unitsText := h.unitsYAML()
	cfgText := configYAML(&p)
	cfg, err := config.Parse([]byte(cfgText), ConfigFile)
	if err != nil {
		return nil, fmt.Errorf("generated vdhv.yaml does not read back: %w", err)
	}
	tree, err := units.Parse([]byte(unitsText), UnitsFile, cfg.UnitOptions())
	if err != nil {
		return nil, fmt.Errorf("generated units.yaml does not read back: %w", err)
	}
	pl := newPlan(&p, h)

	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(cfgText), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, UnitsFile), []byte(unitsText), 0o644); err != nil {
		return nil, err
	}
	var ww workbookWriter = newExactWriter(tree, p.Windows)
	if p.Fast {
		ww = newFastWriter(tree, p.Windows, p.SSTOrder)
	}
	files, err := pl.writeAll(dir, ww)
	if err != nil {
		return nil, err
	}
	receipts, err := writeLedger(dir, p.Seed, files)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, MarkerFile), []byte(markerYAML(&p)), 0o644); err != nil {
		return nil, err
	}
	return pl.summary(dir, files, receipts), nil
}

const markerIncomplete = "# vdhv-gen: tạo chưa xong (incomplete)\n"

// Ensure generates p into dir unless dir already holds the complete workspace of exactly
// these parameters; benchmarks use it to keep large generated workspaces between runs.
// The Summary is nil when nothing had to be generated.
func Ensure(dir string, p Params) (*Summary, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if data, err := os.ReadFile(filepath.Join(dir, MarkerFile)); err == nil && string(data) == markerYAML(&p) {
		return nil, nil
	}
	return Generate(dir, p)
}

// prepareDir makes dir ready: created if missing; emptied of an earlier generated
// workspace; refused if it holds anything else.
func prepareDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(ents) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, MarkerFile)); err != nil {
		return fmt.Errorf("%s is not empty and was not made by the generator (no %s); refusing to overwrite it", dir, MarkerFile)
	}
	for _, name := range []string{SubmissionsDir, UnitsFile, ConfigFile, MarkerFile} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

func configYAML(p *Params) string {
	var b strings.Builder
	b.WriteString("# vdhv.yaml — cấu hình của thư mục làm việc (dữ liệu giả lập do vdhv-gen tạo ra).\n")
	b.WriteString("windows: " + p.Windows.String() + "\n")
	b.WriteString("deadline_days: " + strconv.Itoa(p.DeadlineDays) + "\n")
	b.WriteString("target_share: " + strconv.FormatFloat(p.TargetShare, 'f', -1, 64) + "\n")
	b.WriteString("place: " + yamlScalar(p.Place) + "\n")
	return b.String()
}

func markerYAML(p *Params) string {
	ints := func(xs []int) string {
		s := make([]string, len(xs))
		for i, x := range xs {
			s[i] = strconv.Itoa(x)
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	var b strings.Builder
	b.WriteString("# Thư mục này do vdhv-gen tạo ra với các tham số dưới đây; chạy lại vdhv-gen sẽ ghi đè\n")
	b.WriteString("# units.yaml, vdhv.yaml và submissions/ (các tệp khác được giữ nguyên).\n")
	fmt.Fprintf(&b, "seed: %d\nbloc_code: %s\nbloc_name: %s\nplace: %s\n", p.Seed, p.BlocCode, yamlScalar(p.BlocName), yamlScalar(p.Place))
	fmt.Fprintf(&b, "parties: %d\ncoso_per_party: %d\ndirect_coso: %d\nself_reporting: %d\n", p.Parties, p.CoSoPerParty, p.DirectCoSo, p.SelfReporting)
	fmt.Fprintf(&b, "year: %d\nquarters: %s\nprev_year: %v\n", p.Year, ints(p.Quarters), p.PrevYear)
	fmt.Fprintf(&b, "agreements_per_unit: %d\nin_bloc_share: %s\n", p.AgreementsPerUnit, f(p.InBlocShare))
	fmt.Fprintf(&b, "late_share: %s\nmissing_share: %s\ninvalid_share: %s\nincident_quarters: %s\n", f(p.LateShare), f(p.MissingShare), f(p.InvalidShare), ints(p.IncidentQuarters))
	fmt.Fprintf(&b, "inactive: %d\nwindows: %s\ndeadline_days: %d\ntarget_share: %s\nfast: %v\n", p.Inactive, p.Windows, p.DeadlineDays, f(p.TargetShare), p.Fast)
	if p.Fast && p.SSTOrder != "" && p.SSTOrder != SSTOrderExcel {
		// Only when it matters, so that the markers of earlier workspaces stay the same.
		fmt.Fprintf(&b, "sst_order: %s\n", p.SSTOrder)
	}
	return b.String()
}

// newPlan decides everything before writing.
func newPlan(p *Params, h *hierarchy) *plan {
	pl := &plan{p: p, h: h, written: p.quarters(), incidents: map[slotKey]incident{}}
	pl.span = quarterSpan(pl.written)
	pl.planIncidents()
	pl.planAgreements()
	pl.planDiscrepancies()
	return pl
}

// planIncidents chooses the late, missing and invalid units of each quarter.
func (pl *plan) planIncidents() {
	p := pl.p
	kind := 0
	for _, q := range pl.written {
		if !p.incidentIn(q) {
			continue
		}
		exp := pl.expected(q)
		r := newRNG(p.Seed, "incidents", q.String())
		order := make([]*node, len(exp))
		copy(order, exp)
		r.shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		count := func(share float64) int { return int(share*float64(len(exp)) + 0.5) }
		nm, ni, nl := count(p.MissingShare), count(p.InvalidShare), count(p.LateShare)
		for i, u := range order {
			key := slotKey{u.index, q}
			switch {
			case i < nm:
				pl.incidents[key] = incident{kind: incidentMissing}
			case i < nm+ni:
				pl.incidents[key] = incident{kind: incidentInvalid, invalid: kind % len(invalidKinds)}
				kind++
			case i < nm+ni+nl:
				pl.incidents[key] = incident{kind: incidentLate}
			}
		}
	}
}

// expected returns the units expected to report in q, in preorder.
func (pl *plan) expected(q period.Quarter) []*node {
	var out []*node
	for _, u := range pl.h.reporting {
		if u.activeIn(q) {
			out = append(out, u)
		}
	}
	return out
}

// job is one workbook to write.
type job struct {
	u        *node
	q        period.Quarter
	inc      incident
	hasInc   bool
	received time.Time
	prepared time.Time
}

// timing decides when a unit prepared its file and when it was received.
func (pl *plan) timing(j *job) {
	p := pl.p
	r := newRNG(p.Seed, "timing", j.u.code, j.q.String())
	_, last := p.Windows.QuarterRange(j.q)
	var day time.Time
	switch {
	case j.hasInc && j.inc.kind == incidentLate:
		day = last.AddDate(0, 0, p.DeadlineDays+r.between(1, 25))
	case p.DeadlineDays == 0:
		day = last
	default:
		day = last.AddDate(0, 0, r.between(1, p.DeadlineDays))
	}
	minute := r.between(7*60+30, 17*60+30)
	j.received = time.Date(day.Year(), day.Month(), day.Day(), minute/60, minute%60, r.intn(60), 0, period.Zone)
	j.prepared = day.AddDate(0, 0, -r.between(0, 3))
	if first, _ := p.Windows.QuarterRange(j.q); j.prepared.Before(first) {
		j.prepared = first
	}
}

// writeAll writes every workbook, in parallel; the result is in job order.
func (pl *plan) writeAll(dir string, ww workbookWriter) ([]File, error) {
	var jobs []*job
	for _, q := range pl.written {
		for _, u := range pl.expected(q) {
			inc, has := pl.incidents[slotKey{u.index, q}]
			if has && inc.kind == incidentMissing {
				continue
			}
			j := &job{u: u, q: q, inc: inc, hasInc: has}
			pl.timing(j)
			jobs = append(jobs, j)
		}
	}
	for _, q := range pl.written {
		if err := os.MkdirAll(filepath.Join(dir, SubmissionsDir, strconv.Itoa(q.Year), "Q"+strconv.Itoa(q.Q)), 0o755); err != nil {
			return nil, err
		}
	}
	files := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	workers := pl.p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(1, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				files[i], errs[i] = pl.writeOne(dir, ww, jobs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

func (pl *plan) writeOne(dir string, ww workbookWriter, j *job) (File, error) {
	sub := pl.submission(j.u, j.q, j.prepared)
	f := File{Unit: j.u.code, Quarter: j.q, Status: StatusOnTime, Received: j.received}
	var e *edit
	if j.hasInc {
		switch j.inc.kind {
		case incidentLate:
			f.Status = StatusLate
		case incidentInvalid:
			k := invalidKinds[j.inc.invalid]
			ed := k.edit(sub, pl.p.Windows)
			e = &ed
			if e.model != nil {
				e.model(sub)
			}
			f.Status, f.Received, f.Rule = StatusInvalid, time.Time{}, k.rule.Code
		}
	}
	if e == nil {
		if cells := pl.variety(sub); len(cells) > 0 {
			e = &edit{cells: cells}
		}
	}
	data, err := ww.write(sub, e)
	if err != nil {
		return f, fmt.Errorf("%s %s: %w", j.u.code, j.q, err)
	}
	name := j.u.code + ".xlsx"
	if e != nil && e.xls {
		name = j.u.code + ".xls"
	}
	f.Path = strings.Join([]string{SubmissionsDir, strconv.Itoa(j.q.Year), "Q" + strconv.Itoa(j.q.Q), name}, "/")
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.Path)), data, 0o644); err != nil {
		return f, err
	}
	sum := sha256.Sum256(data)
	f.SHA256, f.Size = hex.EncodeToString(sum[:]), int64(len(data))
	return f, nil
}

// ledgerLine is one line of submissions/ledger.jsonl, in the key order of pkg/workspace.
type ledgerLine struct {
	Received     string `json:"received"`
	Unit         string `json:"unit"`
	Quarter      string `json:"quarter"`
	Rollup       bool   `json:"rollup,omitempty"`
	SHA256       string `json:"sha256"`
	OriginalName string `json:"original_name"`
	Size         int64  `json:"size"`
	Version      int    `json:"version"`
	Source       string `json:"source"`
}

// originalName is the name a unit gave the file it sent.
func originalName(seed int64, f *File) string {
	r := newRNG(seed, "original-name", f.Unit, f.Quarter.String())
	q, y := strconv.Itoa(f.Quarter.Q), strconv.Itoa(f.Quarter.Year)
	roman := []string{"", "I", "II", "III", "IV"}[f.Quarter.Q]
	switch r.intn(5) {
	case 0:
		return "BC quy " + q + " nam " + y + " - " + f.Unit + ".xlsx"
	case 1:
		return f.Unit + "_Q" + q + "_" + y + ".xlsx"
	case 2:
		return "Bao cao CVD quy " + roman + "-" + y + ".xlsx"
	case 3:
		return "VDHV-01_" + f.Unit + "_" + y + "-Q" + q + ".xlsx"
	}
	return "Bieu mau VDHV-01 (" + f.Unit + ").xlsx"
}

// writeLedger writes the receipts of the valid files, in the order they were received.
func writeLedger(dir string, seed int64, files []File) (int, error) {
	var recs []*File
	for i := range files {
		if files[i].Status != StatusInvalid {
			recs = append(recs, &files[i])
		}
	}
	sort.SliceStable(recs, func(i, j int) bool {
		if !recs[i].Received.Equal(recs[j].Received) {
			return recs[i].Received.Before(recs[j].Received)
		}
		return recs[i].Path < recs[j].Path
	})
	var b strings.Builder
	for _, f := range recs {
		line, err := json.Marshal(ledgerLine{
			Received: f.Received.In(period.Zone).Format(time.RFC3339), Unit: f.Unit, Quarter: f.Quarter.String(),
			SHA256: f.SHA256, OriginalName: originalName(seed, f), Size: f.Size, Version: 1, Source: "receive",
		})
		if err != nil {
			return 0, err
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return len(recs), os.WriteFile(filepath.Join(dir, SubmissionsDir, LedgerFile), []byte(b.String()), 0o644)
}

func (pl *plan) summary(dir string, files []File, receipts int) *Summary {
	s := &Summary{Dir: dir, Units: len(pl.h.all), Reporting: len(pl.h.reporting), Planted: pl.planted, Receipts: receipts}
	byPath := make([]File, len(files))
	copy(byPath, files)
	sort.Slice(byPath, func(i, j int) bool { return byPath[i].Path < byPath[j].Path })
	s.Files = byPath
	for _, q := range pl.written {
		qs := QuarterSummary{Quarter: q}
		for _, u := range pl.expected(q) {
			qs.Expected = append(qs.Expected, u.code)
			inc, has := pl.incidents[slotKey{u.index, q}]
			switch {
			case !has:
				qs.OnTime = append(qs.OnTime, u.code)
			case inc.kind == incidentLate:
				qs.Late = append(qs.Late, u.code)
			case inc.kind == incidentMissing:
				qs.Missing = append(qs.Missing, u.code)
			default:
				qs.Invalid = append(qs.Invalid, u.code)
			}
		}
		s.Quarters = append(s.Quarters, qs)
	}
	for _, a := range pl.agreements {
		for _, q := range pl.written {
			if a.listed(q) {
				s.Agreements++
				if a.b != nil {
					s.InBloc++
				}
				if a.nameParty != 0 {
					self, other := a.a, a.b
					if a.nameParty == 2 {
						self, other = a.b, a.a
					}
					s.ViaParty = append(s.ViaParty, ViaParty{Number: a.number, Unit: self.code, Named: other.parent.code, Partner: other.code})
				}
				break
			}
		}
	}
	return s
}
