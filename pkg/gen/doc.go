// Package gen writes deterministic, realistic vdhv workspaces: the bundled example
// (examples/khoi-dn), the broken files of examples/loi, and large workspaces for tests and
// benchmarks. Generate(dir, Params) writes units.yaml, vdhv.yaml, the quarterly VDHV-01
// workbooks submissions/<YYYY>/Q<n>/<CODE>.xlsx and the ledger submissions/ledger.jsonl,
// and returns a Summary of what it wrote (statuses, invalid files and the finding each is
// built to trigger, planted reconciliation differences).
//
// Decisions where the brief and the spec are silent:
//
//   - Determinism. Randomness comes from a SplitMix64 generator in this package (not
//     math/rand, whose streams are not promised across releases), keyed by the seed and a
//     path of names ("flows", agreement number, quarter…): every piece of content draws from
//     its own stream, so files are byte-identical whatever the number of parallel writers.
//     No map is iterated where order matters; no clock is read. Workbooks carry the writer's
//     fixed document dates. Receipt times are drawn, not measured.
//   - The tree. Đảng ủy trực thuộc are corporations of a line of business (sectors in
//     vocab.go, most typical first), named after the bloc's place, then after invented
//     regions once every sector is used. Codes: DU-<sector>[n], their cơ sở <party>-NN, cơ
//     sở under the bloc <BLOC>-NN. A cơ sở is a Đảng bộ when its enterprise is large, else
//     a Chi bộ. The first SelfReporting đảng ủy get `reports: true`. Inactive units are cơ
//     sở spread over the tree, alternately dissolved (active_until) and founded
//     (active_from) inside the written quarters of Year when there are two or more.
//     Names are invented; a combination may coincide with a real enterprise.
//   - Agreements are simulated quarter by quarter over every quarter from the first written
//     to the last (also those not written, e.g. 2024-Q3/Q4 between 2024-H1 and 2025-H1): a
//     stock signed in the four years before, endings (at expiry: Hoàn thành; now and then
//     early: Chấm dứt; all of a unit's agreements when it is dissolved), and new ones
//     (Mới ký in their quarter) to keep each unit near its target. In-bloc agreements pair
//     two reporting units that are not above one another; both report the same number with
//     opposite roles (Cung cấp/Sử dụng, or Hai chiều on both sides) and the same figures,
//     which come from the agreement's own stream.
//   - Planted reconciliation content, in about a fifth of in-bloc agreements: 5 % reported by
//     one side only (IssueUnreported); else one difference (delivered value, mostly, by
//     0.5–3 %; contracts; contract value; status; roles; date signed; expiry), in a quarter
//     where both sides' files are valid so that it really shows. About 12 % of the pairs
//     across two đảng ủy are reported by one side with the partner's đảng ủy code
//     (Summary.ViaParty). Any other difference between the two reports is a bug
//     (TestInBlocAgreementsReconcile).
//   - Incidents (late, missing, invalid) happen only in quarters of Year (those in
//     IncidentQuarters, or all): round(share × expected units) each, units drawn per quarter.
//     Previous-year quarters are all on time. Invalid files rotate through invalidKinds
//     (domestic over total, ambiguous "1.250", deleted column, wrong Kỳ báo cáo, an .xls in
//     place of the .xlsx, unknown partner code, remedied > recommendations, bad e-mail);
//     they are never received, so they have no ledger line.
//   - Receipt times: on time = 1..deadline_days days after the quarter's window ends (the
//     last day itself when deadline_days is 0), late = 1..25 days after the deadline, at
//     office hours in Vietnam's time zone; Ngày lập is 0..3 days before receipt. The ledger
//     is written directly, one line per valid file in the format of pkg/workspace (version 1,
//     source "receive", an invented original file name), ordered by receipt time; no copy
//     is kept in .versions/. TestWorkspaceReadsGenerated checks pkg/workspace agrees.
//   - Figures: procurement per category scaled by the enterprise's size (log-normal), domestic
//     share 60–95 % with a quarter of units below the target, in-bloc share 5–35 %; amounts
//     mostly whole triệu, sometimes with one or three decimals. 3–7 checks (1–4 for small
//     units), all 9 activity rows, and `Đánh giá` texts built from the unit's own figures in
//     85 % of files.
//   - Presentation. Valid files vary the way people's do without any finding: 15 % carry a
//     `Tổng cộng` row with the right sums under `Mua sắm`, 8 % a `Cộng` row under the
//     agreements, 10 % type some amounts as text in the Vietnamese style (1.234.567,5, never
//     an ambiguous 1.234), 5 % type some dates as text (TestVarietyReadsLikePlain). A unit
//     founded in the period starts with half its agreements.
//   - Writing. Params.Fast chooses the template writer (fastwrite.go): it fills a blank
//     workbook of the quarter written once by form.Write, many times faster than building
//     every workbook with form.Write (whose hidden list of partner codes grows with the
//     bloc), and it reads back identically (TestFastMatchesExact); the example uses
//     form.Write. Its files store strings as Excel and LibreOffice save them, what a unit's
//     filled-in file looks like: every text cell a shared string, the table rebuilt with
//     only the strings in use, each once, in order of first use sheet by sheet (the hidden
//     `Danh mục` lists at the end), empty cells self-closing, rows with spans
//     (TestFastSharedStrings); Params.SSTOrder "template" keeps the template's table order
//     instead (`Danh mục` first), the reader's worst case, for benchmarks. form.Write's own
//     files keep excelize's order (the lists first). Parts are compressed with
//     github.com/klauspost/compress/flate, about twice as fast as compress/flate at the same
//     level. Files are written with os.WriteFile, without fsync: a generated workspace is
//     reproducible, not precious.
//   - Overwriting. Generate writes only into a missing or empty folder, or one holding its
//     marker (.vdhv-gen.yaml, with the parameters); it then replaces units.yaml, vdhv.yaml
//     and submissions/ and keeps other files (the example's README.md). Ensure skips the work
//     when the marker already records the same parameters (benchmarks' cache).
//   - Broken examples (WriteErrorExamples): each is a valid report of the last written
//     quarter with one mistake and triggers exactly one finding (TestErrorExamples); the
//     wrong-period one lies in a <YYYY>/Q<n> folder of the previous quarter so that the
//     folder check applies outside a workspace too.
//
// Regenerate the committed examples with `go generate ./pkg/gen` (or the -update flag of
// the tests).
package gen

//go:generate go run ../../cmd/vdhv-gen -q --preset example -o ../../examples/khoi-dn
//go:generate go run ../../cmd/vdhv-gen -q --preset example --loi ../../examples/loi
