// Command vdhv-gen writes a deterministic, realistic vdhv workspace: units.yaml, vdhv.yaml,
// quarterly VDHV-01 workbooks (some late, missing or invalid by design) and the ledger of
// receipts. It is a development tool for tests, benchmarks and the bundled example; it is
// not part of the vdhv command.
//
//	go run ./cmd/vdhv-gen --preset example -o examples/khoi-dn
//	go run ./cmd/vdhv-gen --preset national -o /tmp/national
//	go run ./cmd/vdhv-gen --preset typical --seed 7 --quarters 1,2,3,4 -o /tmp/ws
//	go run ./cmd/vdhv-gen --preset example --loi examples/loi
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/gen"
	"github.com/vdhv/vdhv/pkg/period"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// ints is a flag holding a comma-separated list of integers.
type ints struct{ v *[]int }

func (f ints) String() string {
	if f.v == nil {
		return ""
	}
	s := make([]string, len(*f.v))
	for i, x := range *f.v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func (f ints) Set(s string) error {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil {
			return fmt.Errorf("%q is not a number", part)
		}
		out = append(out, n)
	}
	*f.v = out
	return nil
}

// windows is a flag holding period.Windows.
type windows struct{ v *period.Windows }

func (f windows) String() string {
	if f.v == nil {
		return ""
	}
	return f.v.String()
}

func (f windows) Set(s string) error {
	w, err := period.ParseWindows(s)
	if err != nil {
		return err
	}
	*f.v = w
	return nil
}

func run(args []string, stdout, stderr io.Writer) int {
	// The preset decides the defaults of every other flag, so it is read first.
	preset := "typical"
	for i, a := range args {
		switch {
		case a == "-preset" || a == "--preset":
			if i+1 < len(args) {
				preset = args[i+1]
			}
		case strings.HasPrefix(a, "-preset=") || strings.HasPrefix(a, "--preset="):
			preset = a[strings.IndexByte(a, '=')+1:]
		}
	}
	p, err := gen.Preset(preset)
	if err != nil {
		fmt.Fprintln(stderr, "vdhv-gen:", err)
		return 2
	}
	fs := flag.NewFlagSet("vdhv-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: vdhv-gen [flags] -o DIR\n\nWrites a generated vdhv workspace (a development tool).\nPresets: %s.\n\nFlags:\n", strings.Join(gen.Presets, ", "))
		fs.PrintDefaults()
	}
	var out, loi string
	var quiet bool
	fs.StringVar(&preset, "preset", preset, "parameter set: "+strings.Join(gen.Presets, ", "))
	fs.StringVar(&out, "o", "", "output folder (created; an earlier generated workspace there is replaced)")
	fs.StringVar(&loi, "loi", "", "instead of a workspace, write the deliberately broken example files (of the workspace these flags describe) to this folder")
	fs.BoolVar(&quiet, "q", false, "print nothing on success")
	fs.Int64Var(&p.Seed, "seed", p.Seed, "random seed")
	fs.StringVar(&p.BlocCode, "bloc-code", p.BlocCode, "code of the bloc (root unit)")
	fs.StringVar(&p.BlocName, "bloc-name", p.BlocName, "name of the bloc")
	fs.StringVar(&p.Place, "place", p.Place, "place (vdhv.yaml and company names)")
	fs.IntVar(&p.Parties, "parties", p.Parties, "đảng ủy trực thuộc")
	fs.IntVar(&p.CoSoPerParty, "coso-per-party", p.CoSoPerParty, "cơ sở under each đảng ủy trực thuộc")
	fs.IntVar(&p.DirectCoSo, "direct-coso", p.DirectCoSo, "cơ sở directly under the bloc")
	fs.IntVar(&p.SelfReporting, "self-reporting", p.SelfReporting, "đảng ủy trực thuộc that report for their own office")
	fs.IntVar(&p.Year, "year", p.Year, "year of the quarters")
	fs.Var(ints{&p.Quarters}, "quarters", "quarters of the year to write, e.g. 1,2")
	fs.BoolVar(&p.PrevYear, "prev-year", p.PrevYear, "also write the same quarters of the previous year")
	fs.IntVar(&p.AgreementsPerUnit, "agreements", p.AgreementsPerUnit, "agreement rows of a typical unit in a quarter")
	fs.Float64Var(&p.InBlocShare, "in-bloc-share", p.InBlocShare, "share of agreements with a partner in the bloc")
	fs.Float64Var(&p.LateShare, "late-share", p.LateShare, "share of units late per quarter")
	fs.Float64Var(&p.MissingShare, "missing-share", p.MissingShare, "share of units missing per quarter")
	fs.Float64Var(&p.InvalidShare, "invalid-share", p.InvalidShare, "share of units with an invalid file per quarter")
	fs.Var(ints{&p.IncidentQuarters}, "incident-quarters", "quarters of the year with late/missing/invalid units (default: all)")
	fs.IntVar(&p.Inactive, "inactive", p.Inactive, "cơ sở dissolved or founded during the year")
	fs.Var(windows{&p.Windows}, "windows", "quarter windows: calendar or nd09")
	fs.IntVar(&p.DeadlineDays, "deadline-days", p.DeadlineDays, "days after the quarter for on-time files")
	fs.Float64Var(&p.TargetShare, "target-share", p.TargetShare, "target domestic share")
	fs.BoolVar(&p.Fast, "fast", p.Fast, "fill per-quarter templates instead of building each workbook (much faster)")
	fs.StringVar(&p.SSTOrder, "sst-order", p.SSTOrder, "with --fast, the order of shared strings: "+strings.Join(gen.SSTOrders, " (as Excel saves a workbook, the default) or ")+" (the template's, partner lists first: the reader's worst case)")
	fs.IntVar(&p.Workers, "workers", p.Workers, "parallel writers (0: one per core)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "vdhv-gen: unexpected arguments:", strings.Join(fs.Args(), " "))
		return 2
	}
	start := time.Now()
	if loi != "" {
		files, err := gen.WriteErrorExamples(loi, p)
		if err != nil {
			fmt.Fprintln(stderr, "vdhv-gen:", err)
			return 1
		}
		if !quiet {
			fmt.Fprintf(stdout, "%d tệp mẫu lỗi trong %s\n", len(files), loi)
		}
		return 0
	}
	if out == "" {
		fmt.Fprintln(stderr, "vdhv-gen: -o DIR is required")
		fs.Usage()
		return 2
	}
	s, err := gen.Generate(out, p)
	if err != nil {
		fmt.Fprintln(stderr, "vdhv-gen:", err)
		return 1
	}
	if !quiet {
		var late, missing, invalid int
		for _, q := range s.Quarters {
			late += len(q.Late)
			missing += len(q.Missing)
			invalid += len(q.Invalid)
		}
		fmt.Fprintf(stdout, "%s: %d đơn vị (%d báo cáo), %d tệp (%d muộn, %d lỗi), %d thiếu; %d thỏa thuận (%d trong Khối, %d chênh lệch cài sẵn); %v\n",
			out, s.Units, s.Reporting, len(s.Files), late, invalid, missing, s.Agreements, s.InBloc, len(s.Planted), time.Since(start).Round(time.Millisecond))
	}
	return 0
}
